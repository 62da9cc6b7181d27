package com.onward.playbook;

import java.time.Instant;
import java.util.UUID;

import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;

/** One immutable version of a playbook family. */
public record Playbook(UUID id, String family, int version, Segment segment, LocalizedText name,
		LocalizedText description, PlaybookDefinition definition, String createdBy, Instant createdAt) {
}
