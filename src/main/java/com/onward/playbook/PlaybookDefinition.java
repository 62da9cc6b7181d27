package com.onward.playbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

/**
 * The content of one playbook version: ordered phases, each with ordered items. Day offsets
 * count from the project's start (day 0 = the day the contract was signed).
 */
public record PlaybookDefinition(List<Phase> phases) {

	public record Phase(String key, LocalizedText name, List<Item> items) {
	}

	/**
	 * {@code csat}: whether the customer is asked for a CSAT in the portal when this milestone is
	 * completed; null (not set) means the default: the kickoff, the go-live and the graduation
	 * milestones ask, others do not.
	 */
	public record Item(String key, ItemKind kind, LocalizedText name, int dayOffset, int durationDays,
			OwnerRole ownerRole, boolean customerHomework, List<String> dependsOn, boolean goLive, Boolean csat) {

		@com.fasterxml.jackson.annotation.JsonCreator
		public Item {
			dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
		}

		/** An item without the CSAT flag set (the default applies). */
		public Item(String key, ItemKind kind, LocalizedText name, int dayOffset, int durationDays, OwnerRole ownerRole,
				boolean customerHomework, List<String> dependsOn, boolean goLive) {
			this(key, kind, name, dayOffset, durationDays, ownerRole, customerHomework, dependsOn, goLive, null);
		}

		/** Whether completing this item asks the customer for a CSAT: only milestones, flagged or by default. */
		public boolean asksForCsat() {
			if (kind != ItemKind.MILESTONE) return false;
			if (csat != null) return csat;
			return goLive || (key != null && DEFAULT_CSAT_KEYS.contains(key));
		}

		public int endDay() {
			return dayOffset + durationDays;
		}
	}

	public List<Item> items() {
		return phases.stream().flatMap(p -> p.items().stream()).toList();
	}

	/** Planned length in days of the whole playbook. */
	public int durationDays() {
		return items().stream().mapToInt(Item::endDay).max().orElse(0);
	}

	/** Milestones that ask for a CSAT unless their flag says otherwise (the go-live milestone too). */
	public static final java.util.Set<String> DEFAULT_CSAT_KEYS = java.util.Set.of("kickoff", "exec-kickoff", "graduation");

	static final int MAX_PHASES = 50;
	static final int MAX_ITEMS = 500;
	static final int MAX_KEY = 80;
	static final int MAX_NAME = 200;
	static final int MAX_DEPENDENCIES = 50;

	private static boolean tooLong(LocalizedText text) {
		return java.util.stream.Stream.of(text.en(), text.id(), text.ms())
			.anyMatch(s -> s != null && s.length() > MAX_NAME);
	}

	/**
	 * Checks what a schedule relies on: unique keys, known dependencies, no cycles, sane
	 * numbers, at most one go-live milestone. Field names point into the definition.
	 */
	public void validate() {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		if (phases == null || phases.isEmpty()) {
			throw InvalidInputException.of("phases", "a playbook needs at least one phase");
		}
		if (phases.size() > MAX_PHASES) {
			throw InvalidInputException.of("phases", "a playbook has at most " + MAX_PHASES + " phases");
		}
		if (phases.stream().mapToInt(p -> p == null || p.items() == null ? 0 : p.items().size()).sum() > MAX_ITEMS) {
			throw InvalidInputException.of("phases", "a playbook has at most " + MAX_ITEMS + " items");
		}
		if (phases.stream().anyMatch(java.util.Objects::isNull)) {
			throw InvalidInputException.of("phases", "a phase may not be null");
		}
		Set<String> keys = new HashSet<>();
		Map<String, List<String>> deps = new HashMap<>();
		int goLives = 0;
		for (int p = 0; p < phases.size(); p++) {
			Phase phase = phases.get(p);
			if (phase.key() == null || phase.key().isBlank()) errors.add(err("phases[" + p + "].key", "is required"));
			else if (phase.key().length() > MAX_KEY) errors.add(err("phases[" + p + "].key", "has at most " + MAX_KEY + " characters"));
			if (phase.name() == null) errors.add(err("phases[" + p + "].name", "is required"));
			else if (tooLong(phase.name())) errors.add(err("phases[" + p + "].name", "has at most " + MAX_NAME + " characters per language"));
			List<Item> items = phase.items() == null ? List.of() : phase.items();
			for (int i = 0; i < items.size(); i++) {
				Item item = items.get(i);
				String at = "phases[" + p + "].items[" + i + "]";
				if (item == null) {
					errors.add(err(at, "may not be null"));
					continue;
				}
				if (item.key() == null || item.key().isBlank()) errors.add(err(at + ".key", "is required"));
				else if (!keys.add(item.key())) errors.add(err(at + ".key", "'" + item.key() + "' is used twice"));
				else if (item.key().length() > MAX_KEY) errors.add(err(at + ".key", "has at most " + MAX_KEY + " characters"));
				if (item.name() == null) errors.add(err(at + ".name", "is required"));
				else if (tooLong(item.name())) errors.add(err(at + ".name", "has at most " + MAX_NAME + " characters per language"));
				if (item.dependsOn() != null && item.dependsOn().size() > MAX_DEPENDENCIES) {
					errors.add(err(at + ".dependsOn", "has at most " + MAX_DEPENDENCIES + " items"));
				}
				if (item.kind() == null) errors.add(err(at + ".kind", "is required"));
				if (item.ownerRole() == null) errors.add(err(at + ".ownerRole", "is required"));
				if (item.dayOffset() < 0 || item.dayOffset() > 730) errors.add(err(at + ".dayOffset", "must be between 0 and 730"));
				if (item.durationDays() < 1 || item.durationDays() > 365) errors.add(err(at + ".durationDays", "must be between 1 and 365"));
				if (Boolean.TRUE.equals(item.csat()) && item.kind() != null && item.kind() != ItemKind.MILESTONE) {
					errors.add(err(at + ".csat", "only a milestone can ask the customer for a CSAT"));
				}
				if (item.goLive()) goLives++;
				if (item.key() != null) {
					deps.put(item.key(), item.dependsOn() == null ? List.of()
							: item.dependsOn().stream().filter(java.util.Objects::nonNull).toList());
				}
			}
		}
		if (goLives > 1) errors.add(err("phases", "at most one item may be the go-live milestone"));
		deps.forEach((key, on) -> on.forEach(d -> {
			if (!keys.contains(d)) errors.add(err("item " + key + ".dependsOn", "unknown item '" + d + "'"));
		}));
		if (errors.isEmpty()) {
			String cycle = findCycle(deps);
			if (cycle != null) errors.add(err("item " + cycle + ".dependsOn", "dependencies form a cycle"));
		}
		if (!errors.isEmpty()) throw new InvalidInputException(errors);
	}

	/**
	 * A key on a dependency cycle, or null. Depth-first with an explicit stack, so a long chain of
	 * dependencies cannot overflow the thread's stack.
	 */
	static String findCycle(Map<String, List<String>> deps) {
		Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
		for (String start : deps.keySet()) {
			if (state.containsKey(start)) continue;
			java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
			java.util.ArrayDeque<java.util.Iterator<String>> next = new java.util.ArrayDeque<>();
			state.put(start, 1);
			path.push(start);
			next.push(deps.getOrDefault(start, List.of()).iterator());
			while (!path.isEmpty()) {
				java.util.Iterator<String> it = next.peek();
				if (it.hasNext()) {
					String d = it.next();
					Integer s = state.get(d);
					if (s == null) {
						state.put(d, 1);
						path.push(d);
						next.push(deps.getOrDefault(d, List.of()).iterator());
					}
					else if (s == 1) {
						return d;
					}
				}
				else {
					state.put(path.pop(), 2);
					next.pop();
				}
			}
		}
		return null;
	}

	private static InvalidInputException.FieldError err(String field, String message) {
		return new InvalidInputException.FieldError(field, message);
	}
}
