package com.onward.health;

import java.time.Instant;
import java.util.UUID;

/**
 * A risk of a project's register (HLT-6). Default risks have a {@code code} and are titled in
 * each language by the message bundles; risks added by hand carry their own title.
 */
public record Risk(UUID id, UUID projectId, int position, String code, String title, int probability, int impact,
		String mitigation, String owner, RiskStatus status, Instant createdAt) {

	public enum RiskStatus {
		OPEN, MITIGATING, CLOSED, OCCURRED
	}

	/** Exposure = probability × impact (1–25). */
	public int exposure() {
		return probability * impact;
	}

	public record Review(Instant at, String actor, int probability, int impact, RiskStatus status, String mitigation,
			String owner, String note) {
	}
}
