package com.onward.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;

/** The editor form (one row of parallel fields per item) becomes the next version's definition. */
class PlaybookEditorTests {

	static final Playbook BASE = new Playbook(UUID.randomUUID(), "f", 1, null, LocalizedText.of("F"), null,
			new PlaybookDefinition(List.of()), "t", Instant.EPOCH);

	LinkedMultiValueMap<String, String> form() {
		var form = new LinkedMultiValueMap<String, String>();
		form.add("phaseKey", "setup");
		form.add("phaseNameEn", "Setup");
		form.add("phaseNameId", "Penyiapan");
		form.add("phaseNameMs", "");
		row(form, "kickoff", "MILESTONE", "Kickoff", "0", "1", "");
		row(form, "configure", "TASK", "Configure", "1", "10", "kickoff");
		row(form, "", "TASK", "Import data", "3", "2", "kickoff"); // the blank "new item" row, filled in
		row(form, "", "TASK", "", "0", "1", ""); // an untouched blank row
		form.add("homework", "configure");
		form.add("goLive", "configure");
		return form;
	}

	static void row(LinkedMultiValueMap<String, String> form, String key, String kind, String name, String offset,
			String duration, String deps) {
		form.add("itemPhase", "setup");
		form.add("key", key);
		form.add("kind", kind);
		form.add("itemNameEn", name);
		form.add("itemNameId", "");
		form.add("itemNameMs", "");
		form.add("dayOffset", offset);
		form.add("durationDays", duration);
		form.add("ownerRole", "CSM");
		form.add("dependsOn", deps);
	}

	@Test
	void buildsTheDefinitionFromTheRows() {
		PlaybookDefinition def = PlaybookController.definition(BASE, form());
		def.validate();
		assertThat(def.phases()).hasSize(1);
		assertThat(def.phases().getFirst().name().id()).isEqualTo("Penyiapan");
		assertThat(def.items()).extracting(PlaybookDefinition.Item::key).containsExactly("kickoff", "configure", "import-data");
		PlaybookDefinition.Item configure = def.items().get(1);
		assertThat(configure.dependsOn()).containsExactly("kickoff");
		assertThat(configure.customerHomework()).isTrue();
		assertThat(configure.goLive()).isTrue();
		assertThat(configure.durationDays()).isEqualTo(10);
	}

	@Test
	void removesTickedRowsAndAddsAPhase() {
		var form = form();
		form.add("remove", "configure");
		form.add("newPhaseName", "Go live!");
		PlaybookDefinition def = PlaybookController.definition(BASE, form);
		assertThat(def.items()).extracting(PlaybookDefinition.Item::key).containsExactly("kickoff", "import-data");
		assertThat(def.phases()).extracting(PlaybookDefinition.Phase::key).containsExactly("setup", "go-live");
	}

	@Test
	void namesTheRowOfABadNumber() {
		var form = form();
		form.set("durationDays", "x");
		assertThatThrownBy(() -> PlaybookController.definition(BASE, form)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("item kickoff.durationDays");
	}

	@Test
	void theCsatBoxesBecomeFlagsAndANewRowTakesTheDefault() {
		var form = form();
		form.put("kind", List.of("MILESTONE", "MILESTONE", "MILESTONE", "MILESTONE")); // every row a milestone
		form.add("csat", "configure");
		PlaybookDefinition def = PlaybookController.definition(BASE, form);
		def.validate();
		assertThat(def.items()).extracting(PlaybookDefinition.Item::csat).containsExactly(false, true, null);
		assertThat(def.items()).extracting(PlaybookDefinition.Item::asksForCsat).containsExactly(false, true, false);
	}

	@Test
	void byDefaultKickoffGoLiveAndGraduationMilestonesAsk() {
		assertThat(milestone("kickoff", false, null).asksForCsat()).isTrue();
		assertThat(milestone("exec-kickoff", false, null).asksForCsat()).isTrue();
		assertThat(milestone("graduation", false, null).asksForCsat()).isTrue();
		assertThat(milestone("launch", true, null).asksForCsat()).as("the go-live milestone").isTrue();
		assertThat(milestone("tech-ready", false, null).asksForCsat()).isFalse();
		assertThat(milestone("kickoff", false, false).asksForCsat()).isFalse();
		assertThat(milestone("tech-ready", false, true).asksForCsat()).isTrue();
		var task = new PlaybookDefinition.Item("kickoff", ItemKind.TASK, LocalizedText.of("k"), 0, 1,
				com.onward.shared.OwnerRole.CSM, false, List.of(), false, null);
		assertThat(task.asksForCsat()).as("only milestones ask").isFalse();
	}

	@Test
	void onlyAMilestoneMayBeFlagged() {
		var form = form();
		form.add("csat", "configure"); // a task
		PlaybookDefinition def = PlaybookController.definition(BASE, form);
		assertThatThrownBy(def::validate).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("phases[0].items[1].csat");
	}

	private static PlaybookDefinition.Item milestone(String key, boolean goLive, Boolean csat) {
		return new PlaybookDefinition.Item(key, ItemKind.MILESTONE, LocalizedText.of(key), 0, 1,
				com.onward.shared.OwnerRole.CSM, false, List.of(), goLive, csat);
	}
}
