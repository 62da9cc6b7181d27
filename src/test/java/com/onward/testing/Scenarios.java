package com.onward.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.onward.shared.ContactRole;
import com.onward.shared.Segment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Composed test fixtures: a customer in a known state in one line, through the same public API a CRM uses
 * ({@code POST /api/v1/contracts}), so nothing is inserted behind the application's back. Inject it
 * ({@code @Autowired Scenarios scenarios}) in any test of the shared context, for example
 * <pre>
 * Scenario smb = scenarios.smbAccount().onDay(30).contact("Budi", "budi@x.example", ContactRole.PROJECT_LEAD).sign();
 * </pre>
 * for "an SMB account with a signed contract and a project at day 30 of its onboarding". Every scenario gets
 * its own external ids, so tests sharing the database never see each other's accounts.
 */
@Component
public class Scenarios {

	/** What a signed scenario is: the ids the contract answered with, and the day it was signed. */
	public record Scenario(UUID accountId, UUID contractId, UUID projectId, LocalDate signedOn, JsonNode response) {
	}

	private final Environment env;
	private final ObjectMapper json;
	private final Clock clock;
	private final HttpClient http = HttpClient.newHttpClient();

	Scenarios(Environment env, ObjectMapper json, Clock clock) {
		this.env = env;
		this.json = json;
		this.clock = clock;
	}

	/** An SMB account (50 employees, 5,000 USD a year: the SMB playbook, tech touch). */
	public Builder smbAccount() {
		return new Builder(Segment.SMB, 50, 5_000);
	}

	/** A mid-market account (200 employees, 20,000 USD a year). */
	public Builder midMarketAccount() {
		return new Builder(Segment.MID_MARKET, 200, 20_000);
	}

	/** An enterprise account (2,000 employees, 250,000 USD a year). */
	public Builder enterpriseAccount() {
		return new Builder(Segment.ENTERPRISE, 2_000, 250_000);
	}

	/** An account of a size of its own (its segment follows from the size). */
	public Builder account(int employees, long acvUsd) {
		return new Builder(null, employees, acvUsd);
	}

	/** The parts of a contract that tests vary; everything else is a plausible default. */
	public final class Builder {

		private final Segment segment;
		private final int employees;
		private final long acvUsd;
		private LocalDate signedOn = LocalDate.now(clock);
		private int seats = 0;
		private String productType = "DAILY";
		private String language = "en";
		private String name = unique("Scenario Co");
		private final List<Map<String, Object>> contacts = new ArrayList<>();

		private Builder(Segment segment, int employees, long acvUsd) {
			this.segment = segment;
			this.employees = employees;
			this.acvUsd = acvUsd;
		}

		/** Signed on this day (the project starts on it). */
		public Builder signedOn(LocalDate day) {
			this.signedOn = day;
			return this;
		}

		/** Today is day {@code day} of the onboarding: signed that many days before the clock's today. */
		public Builder onDay(int day) {
			return signedOn(LocalDate.now(clock).minusDays(day));
		}

		public Builder seats(int seats) {
			this.seats = seats;
			return this;
		}

		public Builder productType(String productType) {
			this.productType = productType;
			return this;
		}

		public Builder language(String language) {
			this.language = language;
			return this;
		}

		public Builder named(String name) {
			this.name = name;
			return this;
		}

		/** A contact at the customer (with an email address, so customer emails have someone to go to). */
		public Builder contact(String name, String email, ContactRole role) {
			contacts.add(Map.of("name", name, "email", email, "role", role.name()));
			return this;
		}

		/** Posts the contract; fails the test unless it is created (201). */
		public Scenario sign() {
			var account = new LinkedHashMap<String, Object>();
			account.put("externalId", unique("crm"));
			account.put("name", name);
			account.put("employees", employees);
			account.put("acv", Map.of("amount", acvUsd, "currency", "USD"));
			account.put("licensedSeats", seats);
			account.put("productType", productType);
			account.put("language", language);
			account.put("contacts", contacts);
			JsonNode body = post("/api/v1/contracts", Map.of("externalId", unique("opp"), "signedAt",
					signedOn.atTime(9, 0).toInstant(ZoneOffset.UTC).toString(), "account", account));
			var scenario = new Scenario(UUID.fromString(body.get("accountId").asString()),
					UUID.fromString(body.get("contractId").asString()), UUID.fromString(body.get("projectId").asString()),
					signedOn, body);
			if (segment != null) {
				String actual = get("/api/v1/accounts/" + scenario.accountId()).get("segment").asString();
				if (!actual.equals(segment.name())) {
					throw new AssertionError("the scenario's account is " + actual + ", not " + segment
							+ ": the segmentation rules changed; adjust the sizes in Scenarios");
				}
			}
			return scenario;
		}
	}

	private JsonNode post(String path, Object body) {
		return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), 201);
	}

	private JsonNode get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
	}

	private JsonNode send(HttpRequest.Builder request, int expected) {
		try {
			HttpResponse<String> response = http.send(
					request.header("Authorization", "Bearer " + com.onward.IntegrationTest.ADMIN_TOKEN).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expected) {
				throw new AssertionError(request.build().uri() + " answered " + response.statusCode() + ", not "
						+ expected + ": " + response.body());
			}
			return json.readTree(response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + env.getRequiredProperty("local.server.port") + path);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}
}
