package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a project needs before its kickoff (the sales handoff form) and its go-live (the readiness
 * checklist), for tests that complete those milestones on their way to something else.
 */
public final class Gates {

	public static final List<String> READINESS = List.of("UAT_SIGNED_OFF", "INTEGRATIONS_TESTED", "DATA_VALIDATED",
			"USERS_TRAINED", "SUPPORT_READY", "RESOLUTION_SLA_AGREED", "ANNOUNCEMENT_READY", "STAKEHOLDERS_INFORMED");

	private Gates() {
	}

	/** A complete handoff form. */
	public static Map<String, Object> form() {
		var m = new LinkedHashMap<String, Object>();
		m.put("useCase", "Invoice processing");
		m.put("businessProblem", "Invoices take 6 days to approve");
		m.put("successCriteria", "Approval time from 6 to 3.6 days by day 90");
		m.put("timelineExpectations", "Go-live in week 8");
		m.put("stakeholders", "Siti Rahma (project lead), Budi (sponsor)");
		m.put("promisesMade", "none");
		m.put("risks", "IT team busy in month 2");
		m.put("dependencies", "ERP export");
		return m;
	}

	public static void handoffFormFilled(IntegrationTest test, Object projectId) {
		var r = test.call("PUT", "/api/v1/projects/" + projectId + "/handoff-form", form());
		assertThat(r.status()).as(r.raw()).isEqualTo(200);
	}

	public static void goLiveReady(IntegrationTest test, Object projectId) {
		for (String item : READINESS) {
			var r = test.call("PUT", "/api/v1/projects/" + projectId + "/go-live-readiness/" + item, Map.of("done", true));
			assertThat(r.status()).as(r.raw()).isEqualTo(200);
		}
	}

	/** Both: the project may complete its kickoff and its go-live. */
	public static void ready(IntegrationTest test, Object projectId) {
		handoffFormFilled(test, projectId);
		goLiveReady(test, projectId);
	}
}
