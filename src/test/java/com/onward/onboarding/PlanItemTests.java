package com.onward.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.onward.playbook.ItemKind;
import com.onward.playbook.PlaybookDefinition;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

/** The two ways a plan item comes to be: from its playbook definition, or added by a scope change. */
class PlanItemTests {

	private final LocalDate monday = LocalDate.of(2026, 3, 2);

	@Test
	void aPlaybookItemIsPlannedAndForecastOnTheSameDaysAndNotStarted() {
		UUID before = UUID.randomUUID();
		var definition = new PlaybookDefinition.Item("uat", ItemKind.MILESTONE, LocalizedText.of("UAT"), 20, 5,
				OwnerRole.PROJECT_LEAD, true, List.of("setup"), false, null);
		PlanItem item = PlanItem.fromPlaybook(UUID.randomUUID(), UUID.randomUUID(), 3, definition, monday, 5, 2,
				List.of(before), Map.of(Factor.BUSY_SEASON, 1));
		assertThat(item.key()).isEqualTo("uat");
		assertThat(item.plannedStart).isEqualTo(monday);
		assertThat(item.plannedDue()).isEqualTo(monday.plusDays(4));
		assertThat(item.start).isEqualTo(item.plannedStart);
		assertThat(item.due).isEqualTo(item.plannedDue());
		assertThat(item.customerHomework).isTrue();
		assertThat(item.lagDays).isEqualTo(2);
		assertThat(item.dependsOn()).containsExactly(before);
		assertThat(item.factorShift).containsEntry(Factor.BUSY_SEASON, 1);
		assertThat(item.status()).isEqualTo(ItemStatus.NOT_STARTED);
		assertThat(item.scopeTag()).isNull();
	}

	@Test
	void aScopeItemIsATaskOfItsOwnKeyAfterTheItemsItFollows() {
		UUID goLive = UUID.randomUUID();
		PlanItem item = PlanItem.scopeItem(UUID.randomUUID(), 7, LocalizedText.of("Extra report"), OwnerRole.CSM,
				ScopeTag.PHASE_2, monday, 3, List.of(goLive));
		assertThat(item.key()).startsWith("scope-").hasSize("scope-".length() + 8);
		assertThat(item.kind).isEqualTo(ItemKind.TASK);
		assertThat(item.plannedDue()).isEqualTo(monday.plusDays(2));
		assertThat(item.scopeTag()).isEqualTo(ScopeTag.PHASE_2);
		assertThat(item.dependsOn()).isEmpty();
		assertThat(item.extraDependsOn).containsExactly(goLive);
		assertThat(item.status()).isEqualTo(ItemStatus.NOT_STARTED);
	}
}
