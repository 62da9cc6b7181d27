package com.onward.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

class PlaybookDefinitionTests {

	static PlaybookDefinition.Item item(String key, List<String> deps) {
		return new PlaybookDefinition.Item(key, ItemKind.TASK, LocalizedText.of(key), 0, 1, OwnerRole.CSM, false, deps, false);
	}

	static PlaybookDefinition of(PlaybookDefinition.Item... items) {
		return new PlaybookDefinition(List.of(new PlaybookDefinition.Phase("p", LocalizedText.of("P"), List.of(items))));
	}

	@Test
	void rejectsUnknownDependencies() {
		assertThatThrownBy(() -> of(item("a", List.of("nope"))).validate()).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("unknown item 'nope'");
	}

	@Test
	void rejectsCycles() {
		assertThatThrownBy(() -> of(item("a", List.of("b")), item("b", List.of("a"))).validate())
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("cycle");
	}

	@Test
	void rejectsDuplicateKeys() {
		assertThatThrownBy(() -> of(item("a", List.of()), item("a", List.of())).validate())
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("used twice");
	}

	@Test
	void acceptsAValidChain() {
		var def = of(item("a", List.of()), item("b", List.of("a")));
		def.validate();
		assertThat(def.durationDays()).isEqualTo(1);
	}
}
