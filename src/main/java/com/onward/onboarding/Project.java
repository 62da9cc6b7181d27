package com.onward.onboarding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.onward.playbook.ItemKind;
import com.onward.playbook.Playbook;
import com.onward.playbook.PlaybookDefinition;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.LocalizedText;
import com.onward.shared.NotFoundException;
import com.onward.shared.OwnerRole;
import com.onward.shared.Texts;

/**
 * An onboarding project: the aggregate that owns its phases and items and every change to
 * them. After each change {@link #reschedule()} runs a forward pass through the
 * dependencies, so a slip or an early finish moves the dependents and the forecast.
 */
public final class Project {

	public record Phase(UUID id, int position, String key, LocalizedText name) {
	}

	final UUID id;
	final UUID accountId;
	final UUID contractId;
	final UUID playbookId;
	final LocalizedText playbookName;
	ProjectStatus status;
	final LocalDate startDate;
	final LocalDate targetGraduationDate;
	LocalDate forecastGraduationDate;
	int progressPercent;
	final Map<Factor, Integer> factorPercent;
	final Instant createdAt;
	final List<Phase> phases;
	final List<PlanItem> items;
	final transient List<Object> events = new ArrayList<>();

	Project(UUID id, UUID accountId, UUID contractId, UUID playbookId, LocalizedText playbookName, ProjectStatus status,
			LocalDate startDate, LocalDate targetGraduationDate, LocalDate forecastGraduationDate, int progressPercent,
			Map<Factor, Integer> factorPercent, Instant createdAt, List<Phase> phases, List<PlanItem> items) {
		this.id = id;
		this.accountId = accountId;
		this.contractId = contractId;
		this.playbookId = playbookId;
		this.playbookName = playbookName;
		this.status = status;
		this.startDate = startDate;
		this.targetGraduationDate = targetGraduationDate;
		this.forecastGraduationDate = forecastGraduationDate;
		this.progressPercent = progressPercent;
		this.factorPercent = factorPercent;
		this.createdAt = createdAt;
		this.phases = new ArrayList<>(phases);
		this.items = new ArrayList<>(items);
	}

	/**
	 * Builds a project from a playbook version. Every day count is stretched by the sum of
	 * the factor percentages; each factor's own share of every due date is kept so the plan
	 * can show which factor moved which date.
	 */
	static Project plan(UUID id, UUID accountId, UUID contractId, Playbook playbook, LocalDate start,
			Map<Factor, Integer> percent, Instant now) {
		PlaybookDefinition def = playbook.definition();
		// First pass: stretched start day and duration of every item, and each factor's share.
		Map<String, UUID> ids = new HashMap<>();
		Map<String, int[]> days = new HashMap<>(); // key -> {start day, duration}
		Map<String, Map<Factor, Integer>> shifts = new HashMap<>();
		for (var d : def.items()) {
			ids.put(d.key(), UUID.randomUUID());
			var shift = new EnumMap<Factor, Integer>(Factor.class);
			int startShift = 0, endShift = 0;
			for (var e : percent.entrySet()) {
				startShift += Math.round(d.dayOffset() * e.getValue() / 100f);
				int s = Math.round(d.endDay() * e.getValue() / 100f);
				endShift += s;
				if (s > 0) shift.put(e.getKey(), s);
			}
			int s0 = d.dayOffset() + startShift;
			days.put(d.key(), new int[] { s0, Math.max(1, d.endDay() + endShift - s0) });
			shifts.put(d.key(), shift);
		}
		List<Phase> phases = new ArrayList<>();
		List<PlanItem> items = new ArrayList<>();
		for (int p = 0; p < def.phases().size(); p++) {
			var phaseDef = def.phases().get(p);
			var phase = new Phase(UUID.randomUUID(), p, phaseDef.key(), phaseDef.name());
			phases.add(phase);
			for (var d : phaseDef.items()) {
				int[] own = days.get(d.key());
				// The lag keeps the plan's shape: an item starts as long after its latest dependency as planned.
				int lag = d.dependsOn().isEmpty() ? 0
						: own[0] - 1 - d.dependsOn().stream().mapToInt(k -> days.get(k)[0] + days.get(k)[1] - 1).max().orElse(0);
				items.add(PlanItem.fromPlaybook(ids.get(d.key()), phase.id(), items.size(), d, start.plusDays(own[0]), own[1],
						lag, d.dependsOn().stream().map(ids::get).toList(), shifts.get(d.key())));
			}
		}
		LocalDate target = items.stream().map(PlanItem::plannedDue).max(Comparator.naturalOrder()).orElse(start);
		var factors = new EnumMap<Factor, Integer>(Factor.class);
		factors.putAll(percent);
		var project = new Project(id, accountId, contractId, playbook.id(), playbook.name(), ProjectStatus.IN_PROGRESS,
				start, target, target, 0, factors, now, phases, items);
		project.reschedule();
		return project;
	}

	// ---- changes -------------------------------------------------------------------------

	void changeStatus(UUID itemId, ItemStatus to, LocalDate today) {
		requireOpen();
		PlanItem item = item(itemId);
		ItemStatus from = item.status;
		if (from == to) return;
		item.status = to;
		if (to == ItemStatus.DONE) {
			item.completedOn = today;
			events.add(new ItemCompleted(id, accountId, item.id, item.key, item.kind, item.goLive, today));
		}
		else {
			item.completedOn = null;
		}
		if (to == ItemStatus.IN_PROGRESS && today.isBefore(item.start)) {
			// Started early: the forecast follows reality.
			item.start = today;
			item.due = today.plusDays(item.durationDays - 1);
		}
		reschedule();
	}

	/** Moves an item's due date (a slip, or a shorter task); its dependents follow. */
	void moveDue(UUID itemId, LocalDate newDue) {
		requireOpen();
		PlanItem item = item(itemId);
		if (newDue.isBefore(item.start)) {
			throw BusinessRuleException.of("dueDate", "error.item.dueBeforeStart", item.start);
		}
		item.durationDays = (int) ChronoUnit.DAYS.between(item.start, newDue) + 1;
		item.due = newDue;
		reschedule();
	}

	void assign(UUID itemId, String assignee) {
		item(itemId).assignee = Texts.blankToNull(assignee);
	}

	void note(UUID itemId, String notes) {
		item(itemId).notes = Texts.blankToNull(notes);
	}

	/**
	 * A person's move to {@code to}, as the named transition it is ({@link #start}, {@link #hold}, {@link #resume},
	 * {@link #cancel}, {@link #reopen}); completing is graduation's ({@link #complete()}).
	 */
	void moveTo(ProjectStatus to) {
		if (to == status) {
			throw BusinessRuleException.of("status", "error.project.already", BusinessRuleException.label("projectStatus.", status));
		}
		switch (to) {
			case IN_PROGRESS -> {
				switch (status) {
					case ON_HOLD -> resume();
					case CANCELLED -> reopen();
					default -> start();
				}
			}
			case ON_HOLD -> hold();
			case CANCELLED -> cancel();
			case COMPLETED -> throw BusinessRuleException.of("status", "error.project.completeByGraduating");
			case NOT_STARTED -> transition(ProjectStatus.NOT_STARTED, to);
		}
	}

	/** Work begins: NOT_STARTED → IN_PROGRESS. */
	void start() {
		transition(ProjectStatus.NOT_STARTED, ProjectStatus.IN_PROGRESS);
	}

	/** Paused (a manager's decision with a reason, checked by {@link Projects}): NOT_STARTED or IN_PROGRESS → ON_HOLD. */
	void hold() {
		transition(status == ProjectStatus.NOT_STARTED ? ProjectStatus.NOT_STARTED : ProjectStatus.IN_PROGRESS,
				ProjectStatus.ON_HOLD);
	}

	/** Work goes on after a hold: ON_HOLD → IN_PROGRESS. */
	void resume() {
		transition(ProjectStatus.ON_HOLD, ProjectStatus.IN_PROGRESS);
	}

	/** Stopped for good unless reopened (a manager's decision with a reason): any active status → CANCELLED. */
	void cancel() {
		transition(status.active() ? status : ProjectStatus.NOT_STARTED, ProjectStatus.CANCELLED);
	}

	/** A cancelled project taken up again (a manager's decision with a reason): CANCELLED → IN_PROGRESS. */
	void reopen() {
		transition(ProjectStatus.CANCELLED, ProjectStatus.IN_PROGRESS);
	}

	private void transition(ProjectStatus from, ProjectStatus to) {
		if (status != from || !status.canTransitionTo(to)) {
			throw BusinessRuleException.of("status", "error.project.transition", BusinessRuleException.label("projectStatus.", status),
					BusinessRuleException.label("projectStatus.", to));
		}
		this.status = to;
	}

	/** Graduation completes an active project; nothing else may. */
	void complete() {
		if (!status.active()) {
			throw BusinessRuleException.of("status", "error.project.cannotGraduate", BusinessRuleException.label("projectStatus.", status));
		}
		this.status = ProjectStatus.COMPLETED;
	}

	/**
	 * Adds a scope item (PLAN-6). Phase 1 work must be done before go-live, so go-live gains
	 * a dependency on it; Phase 2 work starts after go-live.
	 */
	PlanItem addScopeItem(ScopeChangeRequest request, LocalDate today) {
		requireOpen();
		Phase phase = phases.stream().filter(p -> p.id().equals(request.phaseId())).findFirst()
			.orElseThrow(() -> BusinessRuleException.of("phaseId", "error.item.unknownPhase"));
		List<UUID> deps = new ArrayList<>(request.dependsOnOrEmpty());
		for (UUID dep : deps) {
			if (items.stream().noneMatch(i -> i.id.equals(dep))) {
				throw BusinessRuleException.of("dependsOn", "error.item.unknownDependency", dep);
			}
		}
		Optional<PlanItem> goLive = goLiveItem();
		if (request.scopeTag() == ScopeTag.PHASE_2 && goLive.isPresent() && !deps.contains(goLive.get().id)) {
			deps.add(goLive.get().id);
		}
		LocalDate first = today.isBefore(startDate) ? startDate : today;
		int position = items.stream().filter(i -> i.phaseId.equals(phase.id())).mapToInt(i -> i.position).max()
			.orElse(items.size()) ;
		var item = PlanItem.scopeItem(phase.id(), position, LocalizedText.of(request.name().strip()), request.ownerRole(),
				request.scopeTag(), first, request.durationDays(), deps);
		// Keep positions unique: shift everything after the insertion point.
		items.forEach(i -> {
			if (i.position > position) i.position++;
		});
		item.position = position + 1;
		items.add(item);
		if (request.scopeTag() == ScopeTag.PHASE_1 && goLive.isPresent()) {
			goLive.get().extraDependsOn.add(item.id);
		}
		items.sort(Comparator.comparingInt(PlanItem::position));
		reschedule();
		return item;
	}

	// ---- scheduling ----------------------------------------------------------------------

	/**
	 * Forward pass in dependency order. Items not yet started with dependencies start the day
	 * after their latest dependency ends (plus their planned lag); items that have started
	 * or finished keep their dates. Then the forecast graduation date and progress follow.
	 */
	void reschedule() {
		Map<UUID, PlanItem> byId = new LinkedHashMap<>();
		items.forEach(i -> byId.put(i.id, i));
		for (PlanItem item : topologicalOrder(byId)) {
			if (item.status != ItemStatus.NOT_STARTED && item.status != ItemStatus.BLOCKED) continue;
			LocalDate earliest = null;
			LocalDate latestDep = latestEnd(item.dependsOn, byId);
			if (latestDep != null) earliest = latestDep.plusDays(1 + item.lagDays);
			LocalDate latestExtra = latestEnd(item.extraDependsOn, byId);
			if (latestExtra != null) {
				LocalDate extraStart = latestExtra.plusDays(1);
				earliest = earliest == null || extraStart.isAfter(earliest) ? extraStart : earliest;
			}
			if (earliest != null) {
				item.start = earliest;
				item.due = earliest.plusDays(item.durationDays - 1);
			}
		}
		forecastGraduationDate = items.stream().filter(i -> i.status != ItemStatus.SKIPPED).map(PlanItem::end)
			.max(Comparator.naturalOrder()).orElse(targetGraduationDate);
		long counted = items.stream().filter(i -> i.status != ItemStatus.SKIPPED).count();
		long done = items.stream().filter(i -> i.status == ItemStatus.DONE).count();
		progressPercent = counted == 0 ? 0 : (int) (done * 100 / counted);
	}

	private static LocalDate latestEnd(List<UUID> deps, Map<UUID, PlanItem> byId) {
		LocalDate latest = null;
		for (UUID d : deps) {
			PlanItem dep = byId.get(d);
			if (dep == null || dep.status == ItemStatus.SKIPPED) continue;
			if (latest == null || dep.end().isAfter(latest)) latest = dep.end();
		}
		return latest;
	}

	private static List<PlanItem> topologicalOrder(Map<UUID, PlanItem> byId) {
		List<PlanItem> order = new ArrayList<>();
		Map<UUID, Boolean> seen = new HashMap<>();
		for (PlanItem i : byId.values()) visit(i, byId, seen, order);
		return order;
	}

	private static void visit(PlanItem item, Map<UUID, PlanItem> byId, Map<UUID, Boolean> seen, List<PlanItem> order) {
		if (seen.containsKey(item.id)) return;
		seen.put(item.id, true);
		for (UUID d : item.dependsOn) if (byId.containsKey(d)) visit(byId.get(d), byId, seen, order);
		for (UUID d : item.extraDependsOn) if (byId.containsKey(d)) visit(byId.get(d), byId, seen, order);
		order.add(item);
	}

	Project copy() {
		return new Project(id, accountId, contractId, playbookId, playbookName, status, startDate, targetGraduationDate,
				forecastGraduationDate, progressPercent, factorPercent, createdAt, phases,
				items.stream().map(PlanItem::copy).toList());
	}

	private void requireOpen() {
		if (!status.active()) {
			throw BusinessRuleException.of("status", "error.project.closed", BusinessRuleException.label("projectStatus.", status));
		}
	}

	// ---- reading -------------------------------------------------------------------------

	public PlanItem item(UUID itemId) {
		return items.stream().filter(i -> i.id.equals(itemId)).findFirst()
			.orElseThrow(() -> new NotFoundException("Item", itemId));
	}

	public Optional<PlanItem> goLiveItem() {
		return items.stream().filter(PlanItem::goLive).findFirst();
	}

	/** The go-live milestone's forecast (or actual) date, or null for a plan without one. */
	public LocalDate goLiveDate() {
		return goLiveItem().map(PlanItem::end).orElse(null);
	}

	public List<PlanItem> itemsOf(Phase phase) {
		return items.stream().filter(i -> i.phaseId.equals(phase.id())).toList();
	}

	public LocalDate phaseStart(Phase phase) {
		return itemsOf(phase).stream().map(PlanItem::start).min(Comparator.naturalOrder()).orElse(startDate);
	}

	public LocalDate phaseEnd(Phase phase) {
		return itemsOf(phase).stream().map(PlanItem::end).max(Comparator.naturalOrder()).orElse(startDate);
	}

	public LocalDate phasePlannedStart(Phase phase) {
		return itemsOf(phase).stream().map(PlanItem::plannedStart).min(Comparator.naturalOrder()).orElse(startDate);
	}

	public LocalDate phasePlannedEnd(Phase phase) {
		return itemsOf(phase).stream().map(PlanItem::plannedDue).max(Comparator.naturalOrder()).orElse(startDate);
	}

	/** Week of the project a date falls in, counting the start week as week 1. */
	public int weekOf(LocalDate date) {
		return (int) (ChronoUnit.DAYS.between(startDate, date) / 7) + 1;
	}

	public List<PlanItem> overdueItems(LocalDate today) {
		return items.stream().filter(i -> i.overdue(today)).toList();
	}

	public List<PlanItem> slippedMilestones() {
		return items.stream().filter(i -> i.kind == ItemKind.MILESTONE && i.slipped()).toList();
	}

	public List<PlanItem> deliverables() {
		return items.stream().filter(i -> i.kind == ItemKind.DELIVERABLE).toList();
	}

	/** Vendor and customer roles that own items in a phase, for the RACI matrix. */
	public List<OwnerRole> ownerRoles(Phase phase) {
		return itemsOf(phase).stream().map(PlanItem::ownerRole).distinct().sorted().toList();
	}

	public UUID id() { return id; }
	public UUID accountId() { return accountId; }
	public UUID contractId() { return contractId; }
	public UUID playbookId() { return playbookId; }
	public LocalizedText playbookName() { return playbookName; }
	public ProjectStatus status() { return status; }
	public LocalDate startDate() { return startDate; }
	public LocalDate targetGraduationDate() { return targetGraduationDate; }
	public LocalDate forecastGraduationDate() { return forecastGraduationDate; }
	public int progressPercent() { return progressPercent; }
	public Map<Factor, Integer> factorPercent() { return Map.copyOf(factorPercent); }
	public Instant createdAt() { return createdAt; }
	public List<Phase> phases() { return List.copyOf(phases); }
	public List<PlanItem> items() { return List.copyOf(items); }

	/** The first phase with open items: where the project stands now (the last phase once all is closed). */
	public Optional<Phase> currentPhase() {
		return phases.stream().filter(ph -> itemsOf(ph).stream().anyMatch(i -> !i.status.closed())).findFirst()
			.or(() -> phases.isEmpty() ? Optional.empty() : Optional.of(phases.getLast()));
	}

	public Optional<LocalDate> earliestOpenDue() {
		return items.stream().filter(i -> !i.status.closed()).map(PlanItem::due).min(Comparator.naturalOrder());
	}

	/** Marks an item done on a given day (recording work finished earlier, e.g. an import of history). */
	void completeOn(UUID itemId, LocalDate on) {
		PlanItem item = item(itemId);
		item.status = ItemStatus.DONE;
		item.completedOn = on;
		reschedule();
	}

	public int slipDays() {
		return (int) ChronoUnit.DAYS.between(targetGraduationDate, forecastGraduationDate);
	}
}
