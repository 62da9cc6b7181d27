package com.onward.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.onward.IntegrationTest;

/** Accounts with a chosen seat count and product type, and usage events posted over HTTP. */
public abstract class UsageTestSupport extends IntegrationTest {

	/** Signs a contract on {@code signedOn} for a new SMB account; returns the account id. */
	protected UUID account(int seats, String productType, LocalDate signedOn) {
		return account(seats, productType, signedOn, 50, 5000, List.of());
	}

	/** The same with a size (employees, ACV in USD: hence the segment and playbook) and contacts. */
	protected UUID account(int seats, String productType, LocalDate signedOn, int employees, long acvUsd,
			List<Map<String, Object>> contacts) {
		var account = new LinkedHashMap<String, Object>();
		account.put("externalId", unique("crm"));
		account.put("name", unique("Usage Co"));
		account.put("employees", employees);
		account.put("acv", Map.of("amount", acvUsd, "currency", "USD"));
		account.put("licensedSeats", seats);
		account.put("productType", productType);
		account.put("language", "en");
		account.put("contacts", contacts);
		var r = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt",
				signedOn.atTime(9, 0).toInstant(ZoneOffset.UTC).toString(), "account", account));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return UUID.fromString(r.body().get("accountId").asString());
	}

	protected static Map<String, Object> event(UUID account, String user, String type, Instant at) {
		var e = new LinkedHashMap<String, Object>();
		e.put("accountId", account.toString());
		e.put("userId", user);
		e.put("type", type);
		e.put("occurredAt", at.toString());
		return e;
	}

	protected static Map<String, Object> feature(UUID account, String user, String feature, Instant at) {
		var e = event(account, user, "FEATURE_USED", at);
		e.put("feature", feature);
		return e;
	}

	protected static Instant at(LocalDate day, int hour) {
		return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
	}

	protected Response send(List<? extends Map<String, Object>> events) {
		return post("/api/v1/events", Map.of("events", events));
	}

	protected void sendOk(List<? extends Map<String, Object>> events) {
		Response r = send(events);
		assertThat(r.status()).as(r.raw()).isEqualTo(202);
	}

	protected static List<Map<String, Object>> list() {
		return new ArrayList<>();
	}
}
