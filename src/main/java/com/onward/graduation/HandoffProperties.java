package com.onward.graduation;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Handoffs with substance ({@code onward.graduation.handoff}): which plan items are the kickoff, which
 * fields of the sales → CS handoff form must be filled before the kickoff can be completed, and the
 * go-live readiness checklist that must be complete before the go-live milestone.
 */
@ConfigurationProperties("onward.graduation.handoff")
record HandoffProperties(List<String> kickoffItems, List<String> requiredFields, List<String> goLiveReadiness) {

	HandoffProperties {
		kickoffItems = kickoffItems == null ? List.of() : List.copyOf(kickoffItems);
		requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
		goLiveReadiness = goLiveReadiness == null ? List.of() : List.copyOf(goLiveReadiness);
		for (String f : requiredFields) {
			if (!HandoffForms.FIELDS.contains(f)) {
				throw new IllegalArgumentException("onward.graduation.handoff.required-fields: unknown field '" + f
						+ "', one of " + HandoffForms.FIELDS);
			}
		}
	}
}
