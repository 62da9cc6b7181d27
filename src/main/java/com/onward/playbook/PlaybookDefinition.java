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

	public record Item(String key, ItemKind kind, LocalizedText name, int dayOffset, int durationDays,
			OwnerRole ownerRole, boolean customerHomework, List<String> dependsOn, boolean goLive) {

		public Item {
			dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
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

	/**
	 * Checks what a schedule relies on: unique keys, known dependencies, no cycles, sane
	 * numbers, at most one go-live milestone. Field names point into the definition.
	 */
	public void validate() {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		if (phases == null || phases.isEmpty()) {
			throw InvalidInputException.of("phases", "a playbook needs at least one phase");
		}
		Set<String> keys = new HashSet<>();
		Map<String, List<String>> deps = new HashMap<>();
		int goLives = 0;
		for (int p = 0; p < phases.size(); p++) {
			Phase phase = phases.get(p);
			if (phase.key() == null || phase.key().isBlank()) errors.add(err("phases[" + p + "].key", "is required"));
			if (phase.name() == null) errors.add(err("phases[" + p + "].name", "is required"));
			List<Item> items = phase.items() == null ? List.of() : phase.items();
			for (int i = 0; i < items.size(); i++) {
				Item item = items.get(i);
				String at = "phases[" + p + "].items[" + i + "]";
				if (item.key() == null || item.key().isBlank()) errors.add(err(at + ".key", "is required"));
				else if (!keys.add(item.key())) errors.add(err(at + ".key", "'" + item.key() + "' is used twice"));
				if (item.name() == null) errors.add(err(at + ".name", "is required"));
				if (item.kind() == null) errors.add(err(at + ".kind", "is required"));
				if (item.ownerRole() == null) errors.add(err(at + ".ownerRole", "is required"));
				if (item.dayOffset() < 0 || item.dayOffset() > 730) errors.add(err(at + ".dayOffset", "must be between 0 and 730"));
				if (item.durationDays() < 1 || item.durationDays() > 365) errors.add(err(at + ".durationDays", "must be between 1 and 365"));
				if (item.goLive()) goLives++;
				deps.put(item.key(), item.dependsOn());
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

	private static String findCycle(Map<String, List<String>> deps) {
		Map<String, Integer> state = new HashMap<>();
		for (String key : deps.keySet()) {
			if (visit(key, deps, state)) return key;
		}
		return null;
	}

	private static boolean visit(String key, Map<String, List<String>> deps, Map<String, Integer> state) {
		Integer s = state.get(key);
		if (s != null) return s == 1;
		state.put(key, 1);
		for (String d : deps.getOrDefault(key, List.of())) {
			if (visit(d, deps, state)) return true;
		}
		state.put(key, 2);
		return false;
	}

	private static InvalidInputException.FieldError err(String field, String message) {
		return new InvalidInputException.FieldError(field, message);
	}
}
