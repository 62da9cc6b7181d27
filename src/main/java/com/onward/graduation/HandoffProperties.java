package com.onward.graduation;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.AssertTrue;

/**
 * Handoffs with substance ({@code onward.graduation.handoff}): which plan items are the kickoff, which
 * fields of the sales → CS handoff form must be filled before the kickoff can be completed, and the
 * go-live readiness checklist that must be complete before the go-live milestone.
 */
@ConfigurationProperties("onward.graduation.handoff")
@Validated
record HandoffProperties(List<String> kickoffItems, List<String> requiredFields, List<String> goLiveReadiness) {

	HandoffProperties {
		kickoffItems = kickoffItems == null ? List.of() : List.copyOf(kickoffItems);
		requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
		goLiveReadiness = goLiveReadiness == null ? List.of() : List.copyOf(goLiveReadiness);
	}

	/** Only fields the form has can be required (a typo would otherwise make the kickoff impossible to complete). */
	@AssertTrue(message = "required-fields must name fields of the handoff form")
	boolean isRequiredFieldsKnown() {
		return HandoffForms.FIELDS.containsAll(requiredFields);
	}
}
