package com.onward.testing;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.onward.IntegrationTest;

/**
 * Gives a project what "all five green" asks of value before any score can be READY: a success
 * criterion met and confirmed by the customer (a qualitative criterion with a confirmation).
 */
public final class MetValue {

	private MetValue() {
	}

	/** {@code post} is the test's own {@code this::post}. */
	public static String meet(BiFunction<String, Object, IntegrationTest.Response> post, String projectId) {
		IntegrationTest.Response created = post.apply("/api/v1/projects/" + projectId + "/success-criteria", Map.of(
				"useCase", "Operations", "kpi", "team works in the product every day", "kind", "QUALITATIVE"));
		if (created.status() != 201) {
			throw new AssertionError(created.raw());
		}
		String criterion = created.body().get("id").asString();
		IntegrationTest.Response confirmed = post.apply("/api/v1/success-criteria/" + criterion + "/confirmations",
				Map.of("confirmedBy", "Siti Rahma", "quote", "We run our operations in it now", "evidence", List.of()));
		if (confirmed.status() >= 300) {
			throw new AssertionError(confirmed.raw());
		}
		return criterion;
	}
}
