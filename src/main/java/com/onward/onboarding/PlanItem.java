package com.onward.onboarding;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.onward.playbook.ItemKind;
import com.onward.playbook.PlaybookDefinition;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

/**
 * A milestone, task or deliverable of a project. Planned dates are the baseline (with the
 * customisation factors); start and due are the forecast, which moves as work happens.
 */
public final class PlanItem {

	final UUID id;
	final UUID phaseId;
	int position;
	final String key;
	final ItemKind kind;
	final LocalizedText name;
	final OwnerRole ownerRole;
	final boolean customerHomework;
	final boolean goLive;
	final ScopeTag scopeTag;
	final LocalDate plannedStart;
	final LocalDate plannedDue;
	LocalDate start;
	LocalDate due;
	int durationDays;
	final int lagDays;
	final List<UUID> dependsOn;
	final List<UUID> extraDependsOn;
	final Map<Factor, Integer> factorShift;
	ItemStatus status;
	String assignee;
	LocalDate completedOn;
	String notes;

	PlanItem(UUID id, UUID phaseId, int position, String key, ItemKind kind, LocalizedText name, OwnerRole ownerRole,
			boolean customerHomework, boolean goLive, ScopeTag scopeTag, LocalDate plannedStart, LocalDate plannedDue,
			LocalDate start, LocalDate due, int durationDays, int lagDays, List<UUID> dependsOn,
			List<UUID> extraDependsOn, Map<Factor, Integer> factorShift, ItemStatus status, String assignee,
			LocalDate completedOn, String notes) {
		this.id = id;
		this.phaseId = phaseId;
		this.position = position;
		this.key = key;
		this.kind = kind;
		this.name = name;
		this.ownerRole = ownerRole;
		this.customerHomework = customerHomework;
		this.goLive = goLive;
		this.scopeTag = scopeTag;
		this.plannedStart = plannedStart;
		this.plannedDue = plannedDue;
		this.start = start;
		this.due = due;
		this.durationDays = durationDays;
		this.lagDays = lagDays;
		this.dependsOn = new ArrayList<>(dependsOn);
		this.extraDependsOn = new ArrayList<>(extraDependsOn);
		this.factorShift = new LinkedHashMap<>(factorShift);
		this.status = status;
		this.assignee = assignee;
		this.completedOn = completedOn;
		this.notes = notes;
	}

	/**
	 * A new item from its playbook definition: not started, planned from {@code plannedStart} for
	 * {@code durationDays} (the factors' stretch {@code factorShift} included), forecast on its plan.
	 */
	static PlanItem fromPlaybook(UUID id, UUID phaseId, int position, PlaybookDefinition.Item definition,
			LocalDate plannedStart, int durationDays, int lagDays, List<UUID> dependsOn, Map<Factor, Integer> factorShift) {
		LocalDate plannedDue = plannedStart.plusDays(durationDays - 1);
		return new PlanItem(id, phaseId, position, definition.key(), definition.kind(), definition.name(),
				definition.ownerRole(), definition.customerHomework(), definition.goLive(), null, plannedStart, plannedDue,
				plannedStart, plannedDue, durationDays, lagDays, dependsOn, List.of(), factorShift, ItemStatus.NOT_STARTED,
				null, null, null);
	}

	/**
	 * A task added by an approved scope change: not started, from {@code start} for {@code durationDays}, after the
	 * items it is added behind ({@code after}, e.g. the go-live).
	 */
	static PlanItem scopeItem(UUID phaseId, int position, LocalizedText name, OwnerRole ownerRole, ScopeTag scopeTag,
			LocalDate start, int durationDays, List<UUID> after) {
		UUID id = UUID.randomUUID();
		LocalDate due = start.plusDays(durationDays - 1);
		return new PlanItem(id, phaseId, position, "scope-" + id.toString().substring(0, 8), ItemKind.TASK, name, ownerRole,
				false, false, scopeTag, start, due, start, due, durationDays, 0, List.of(), after, Map.of(),
				ItemStatus.NOT_STARTED, null, null, null);
	}

	PlanItem copy() {
		return new PlanItem(id, phaseId, position, key, kind, name, ownerRole, customerHomework, goLive, scopeTag,
				plannedStart, plannedDue, start, due, durationDays, lagDays, dependsOn, extraDependsOn, factorShift,
				status, assignee, completedOn, notes);
	}

	/** The day this item's dependents may start after: its completion, or its forecast due date. */
	public LocalDate end() {
		return status == ItemStatus.DONE && completedOn != null ? completedOn : due;
	}

	public boolean overdue(LocalDate today) {
		return !status.closed() && due.isBefore(today);
	}

	/** A milestone or item whose forecast (or actual) end lies after its baseline. */
	public boolean slipped() {
		return status != ItemStatus.SKIPPED && end().isAfter(plannedDue);
	}

	public int slipDays() {
		return (int) ChronoUnit.DAYS.between(plannedDue, end());
	}

	public UUID id() { return id; }
	public UUID phaseId() { return phaseId; }
	public int position() { return position; }
	public String key() { return key; }
	public ItemKind kind() { return kind; }
	public LocalizedText name() { return name; }
	public OwnerRole ownerRole() { return ownerRole; }
	public boolean customerHomework() { return customerHomework; }
	public boolean goLive() { return goLive; }
	public ScopeTag scopeTag() { return scopeTag; }
	public LocalDate plannedStart() { return plannedStart; }
	public LocalDate plannedDue() { return plannedDue; }
	public LocalDate start() { return start; }
	public LocalDate due() { return due; }
	public int durationDays() { return durationDays; }
	public int lagDays() { return lagDays; }
	public List<UUID> dependsOn() { return List.copyOf(dependsOn); }
	public List<UUID> extraDependsOn() { return List.copyOf(extraDependsOn); }
	public Map<Factor, Integer> factorShift() { return Map.copyOf(factorShift); }
	public ItemStatus status() { return status; }
	public String assignee() { return assignee; }
	public LocalDate completedOn() { return completedOn; }
	public String notes() { return notes; }
}
