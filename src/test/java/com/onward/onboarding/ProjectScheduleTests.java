package com.onward.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.playbook.ItemKind;
import com.onward.playbook.Playbook;
import com.onward.playbook.PlaybookDefinition;
import com.onward.playbook.PlaybookDefinition.Item;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

/** Date computation, factors, rescheduling through dependencies, progress and scope impact. */
class ProjectScheduleTests {

	static final LocalDate START = LocalDate.of(2026, 3, 2);

	// kickoff (day 0, 1 day) -> configure (day 1, 10 days) -> go-live (day 14, 1 day, 3 days after configure)
	// train (day 5, 5 days, no dependency) ; review (day 20) depends on go-live
	static final PlaybookDefinition DEFINITION = new PlaybookDefinition(List.of(
			new PlaybookDefinition.Phase("setup", LocalizedText.of("Setup"), List.of(
					item("kickoff", ItemKind.MILESTONE, 0, 1, List.of(), false),
					item("configure", ItemKind.TASK, 1, 10, List.of("kickoff"), false),
					item("train", ItemKind.TASK, 5, 5, List.of(), false))),
			new PlaybookDefinition.Phase("live", LocalizedText.of("Live"), List.of(
					item("golive", ItemKind.MILESTONE, 14, 1, List.of("configure"), true),
					item("review", ItemKind.DELIVERABLE, 20, 2, List.of("golive"), false)))));

	static Item item(String key, ItemKind kind, int offset, int duration, List<String> deps, boolean goLive) {
		return new Item(key, kind, LocalizedText.of(key), offset, duration, OwnerRole.CSM, false, deps, goLive);
	}

	static Project plan(Map<Factor, Integer> factors) {
		var playbook = new Playbook(UUID.randomUUID(), "test", 1, null, LocalizedText.of("Test"), null, DEFINITION, "t",
				Instant.EPOCH);
		return Project.plan(UUID.randomUUID(), UUID.randomUUID(), null, playbook, START, factors, Instant.EPOCH);
	}

	static PlanItem byKey(Project p, String key) {
		return p.items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void datesCountFromTheStartDay() {
		Project p = plan(Map.of());
		assertThat(byKey(p, "kickoff").due()).isEqualTo(START);
		assertThat(byKey(p, "configure").start()).isEqualTo(START.plusDays(1));
		assertThat(byKey(p, "configure").due()).isEqualTo(START.plusDays(10));
		assertThat(byKey(p, "golive").due()).isEqualTo(START.plusDays(14));
		assertThat(byKey(p, "review").due()).isEqualTo(START.plusDays(21));
		assertThat(p.targetGraduationDate()).isEqualTo(START.plusDays(21));
		assertThat(p.forecastGraduationDate()).isEqualTo(p.targetGraduationDate());
		assertThat(p.goLiveDate()).isEqualTo(START.plusDays(14));
	}

	@Test
	void factorsStretchEveryDayCountAndRecordWhichFactorMovedWhichDate() {
		Project p = plan(Map.of(Factor.COMPLEXITY, 10, Factor.INTEGRATIONS, 20));
		PlanItem goLive = byKey(p, "golive");
		// Go-live ends on day 15 (exclusive): complexity adds round(1.5) = 2, integrations round(3.0) = 3.
		assertThat(goLive.factorShift()).containsEntry(Factor.COMPLEXITY, 2).containsEntry(Factor.INTEGRATIONS, 3);
		assertThat(goLive.due()).isEqualTo(START.plusDays(14 + 5));
		assertThat(goLive.plannedDue()).isEqualTo(goLive.due());
		// Review ends on day 22: +2 (10 %) and +4 (20 %).
		assertThat(byKey(p, "review").due()).isEqualTo(START.plusDays(21 + 6));
		assertThat(byKey(p, "kickoff").factorShift()).isEmpty();
		assertThat(p.targetGraduationDate()).isEqualTo(START.plusDays(27));
	}

	@Test
	void aSlipMovesDependentsAndTheForecastButNotThePlan() {
		Project p = plan(Map.of());
		p.moveDue(byKey(p, "configure").id(), START.plusDays(17)); // 7 days late
		assertThat(byKey(p, "golive").due()).isEqualTo(START.plusDays(21));
		assertThat(byKey(p, "review").due()).isEqualTo(START.plusDays(28));
		assertThat(byKey(p, "train").due()).as("no dependency, no move").isEqualTo(START.plusDays(9));
		assertThat(p.forecastGraduationDate()).isEqualTo(START.plusDays(28));
		assertThat(p.targetGraduationDate()).isEqualTo(START.plusDays(21));
		assertThat(p.slipDays()).isEqualTo(7);
		assertThat(p.slippedMilestones()).extracting(PlanItem::key).containsExactly("golive");
	}

	@Test
	void finishingEarlyPullsDependentsForward() {
		Project p = plan(Map.of());
		p.changeStatus(byKey(p, "kickoff").id(), ItemStatus.DONE, START);
		p.changeStatus(byKey(p, "configure").id(), ItemStatus.DONE, START.plusDays(6)); // 4 days early
		assertThat(byKey(p, "golive").due()).isEqualTo(START.plusDays(10));
		assertThat(p.forecastGraduationDate()).isEqualTo(START.plusDays(17));
	}

	@Test
	void itemsAlreadyStartedKeepTheirDates() {
		Project p = plan(Map.of());
		p.changeStatus(byKey(p, "golive").id(), ItemStatus.IN_PROGRESS, START.plusDays(14));
		p.moveDue(byKey(p, "configure").id(), START.plusDays(20));
		assertThat(byKey(p, "golive").start()).isEqualTo(START.plusDays(14));
	}

	@Test
	void progressCountsDoneItemsAndIgnoresSkippedOnes() {
		Project p = plan(Map.of());
		assertThat(p.progressPercent()).isZero();
		p.changeStatus(byKey(p, "kickoff").id(), ItemStatus.DONE, START);
		assertThat(p.progressPercent()).isEqualTo(20);
		p.changeStatus(byKey(p, "train").id(), ItemStatus.SKIPPED, START);
		assertThat(p.progressPercent()).isEqualTo(25);
		p.changeStatus(byKey(p, "kickoff").id(), ItemStatus.NOT_STARTED, START);
		assertThat(p.progressPercent()).isZero();
		assertThat(byKey(p, "kickoff").completedOn()).isNull();
	}

	@Test
	void overdueMeansOpenAndPastDue() {
		Project p = plan(Map.of());
		assertThat(p.overdueItems(START.plusDays(2))).extracting(PlanItem::key).containsExactly("kickoff");
		p.changeStatus(byKey(p, "kickoff").id(), ItemStatus.DONE, START.plusDays(2));
		assertThat(p.overdueItems(START.plusDays(2))).isEmpty();
	}

	@Test
	void phaseOneScopeMovesGoLivePhaseTwoScopeDoesNot() {
		Project p = plan(Map.of());
		UUID setup = p.phases().get(0).id();
		Project phase1 = p.copy();
		phase1.addScopeItem(new ScopeChangeRequest("SSO", ScopeTag.PHASE_1, setup, 20, OwnerRole.TECHNICAL_RESOURCE, null,
				null), START);
		// 20 days from the start: go-live waits for it, the day after it ends.
		assertThat(phase1.goLiveDate()).isEqualTo(START.plusDays(20));
		assertThat(p.goLiveDate()).as("the original is untouched").isEqualTo(START.plusDays(14));

		Project phase2 = p.copy();
		phase2.addScopeItem(new ScopeChangeRequest("Reports", ScopeTag.PHASE_2, setup, 10, OwnerRole.CSM, null, null), START);
		assertThat(phase2.goLiveDate()).isEqualTo(START.plusDays(14));
		assertThat(phase2.forecastGraduationDate()).isEqualTo(START.plusDays(24));
	}

	@Test
	void rejectsADueDateBeforeTheStart() {
		Project p = plan(Map.of());
		assertThatThrownBy(() -> p.moveDue(byKey(p, "configure").id(), START))
			.isInstanceOf(BusinessRuleException.class);
	}

	@Test
	void closedProjectsCannotChange() {
		Project p = plan(Map.of());
		p.moveTo(ProjectStatus.CANCELLED);
		assertThatThrownBy(() -> p.changeStatus(byKey(p, "kickoff").id(), ItemStatus.DONE, START))
			.isInstanceOf(BusinessRuleException.class);
	}
}
