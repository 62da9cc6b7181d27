package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.Gates;
import com.onward.IntegrationTest;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.portfolio.Portfolio;

import tools.jackson.databind.JsonNode;

/**
 * Handoffs with substance, against the real database: the sales handoff form gates the kickoff, the
 * readiness checklist gates go-live, hypercare issues carry a resolution target and show on the project
 * and the portfolio, graduation hands over to the ongoing CSM once, and the review deck renders in the
 * account's language.
 */
class HandoffIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;
	@Autowired
	Portfolio portfolio;
	@Autowired
	Users users;

	record Signed(String accountId, String projectId, String name) {
	}

	private Signed sign(String language, int employees, long acv) {
		String externalId = unique("opp");
		Response r = post("/api/v1/contracts", contract(externalId, LocalDate.now().minusDays(10) + "T09:00:00Z", employees,
				acv, language));
		assertThat(r.status()).as(r.raw()).isEqualTo(201);
		return new Signed(r.body().get("accountId").asString(), r.body().get("projectId").asString(), "Acme " + externalId);
	}

	private String item(String projectId, java.util.function.Predicate<JsonNode> which) {
		for (JsonNode phase : get("/api/v1/projects/" + projectId).body().get("phases")) {
			for (JsonNode item : phase.get("items")) {
				if (which.test(item)) return item.get("id").asString();
			}
		}
		throw new AssertionError("no such item in " + projectId);
	}

	private String kickoff(String projectId) {
		return item(projectId, i -> List.of("kickoff", "exec-kickoff").contains(i.get("key").asString()));
	}

	private String goLive(String projectId) {
		return item(projectId, i -> i.get("goLive").asBoolean());
	}

	private Response done(String projectId, String itemId) {
		return call("PATCH", "/api/v1/projects/" + projectId + "/items/" + itemId, Map.of("status", "DONE"));
	}

	@Test
	void theHandoffFormBlocksTheKickoffUntilEveryRequiredFieldIsFilled() {
		Signed s = sign("id", 300, 20_000);
		String kickoff = kickoff(s.projectId());

		// Before anything is saved: prefilled from the contract, not saved, everything missing.
		JsonNode prefilled = get("/api/v1/projects/" + s.projectId() + "/handoff-form").body();
		assertThat(prefilled.get("saved").asBoolean()).isFalse();
		assertThat(prefilled.get("stakeholders").asString()).contains("Siti Rahma");
		assertThat(prefilled.get("missing").size()).isEqualTo(8);
		Response refused = done(s.projectId(), kickoff);
		assertProblem(refused, 422, "handoffForm");
		// The rule in the reader's words (field labels); the form's "missing" list above has the field names.
		assertThat(refused.body().get("code").asString()).isEqualTo("error.handoff.incompleteBeforeKickoff");
		assertThat(refused.body().get("detail").asString()).contains("Use case", "Risks");
		assertThat(get("/api/v1/projects/" + s.projectId()).body().toString()).doesNotContain("\"status\":\"DONE\"");

		// Too long: 400 naming the field, nothing stored.
		var tooLong = new LinkedHashMap<String, Object>(Gates.form());
		tooLong.put("risks", "x".repeat(4001));
		assertProblem(call("PUT", "/api/v1/projects/" + s.projectId() + "/handoff-form", tooLong), 400, "risks");
		assertThat(get("/api/v1/projects/" + s.projectId() + "/handoff-form").body().get("saved").asBoolean()).isFalse();

		// Half filled: still refused, naming exactly what is missing.
		var half = new LinkedHashMap<String, Object>(Gates.form());
		half.put("risks", " ");
		half.put("dependencies", null);
		JsonNode saved = call("PUT", "/api/v1/projects/" + s.projectId() + "/handoff-form", half).body();
		assertThat(saved.get("saved").asBoolean()).isTrue();
		assertThat(saved.get("missing").toString()).isEqualTo("[\"risks\",\"dependencies\"]");
		refused = done(s.projectId(), kickoff);
		assertProblem(refused, 422, "handoffForm");
		assertThat(refused.body().get("detail").asString()).contains("Risks", "Dependencies").doesNotContain("Use case");

		// Complete: the kickoff can be completed, and the form is what was saved.
		Gates.handoffFormFilled(this, s.projectId());
		Response ok = done(s.projectId(), kickoff);
		assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
		JsonNode form = get("/api/v1/projects/" + s.projectId() + "/handoff-form").body();
		assertThat(form.get("businessProblem").asString()).isEqualTo("Invoices take 6 days to approve");
		assertThat(form.get("missing").size()).isZero();
	}

	@Test
	void theReadinessChecklistBlocksGoLiveAndHypercareIssuesShowOnTheProjectAndThePortfolio() throws Exception {
		Signed s = sign("en", 300, 20_000);
		Gates.handoffFormFilled(this, s.projectId());
		String goLive = goLive(s.projectId());
		assertProblem(done(s.projectId(), goLive), 422, "goLiveReadiness");
		assertProblem(call("PUT", "/api/v1/projects/" + s.projectId() + "/go-live-readiness/NOT_AN_ITEM",
				Map.of("done", true)), 400, "item");
		for (String item : Gates.READINESS.subList(0, Gates.READINESS.size() - 1)) {
			call("PUT", "/api/v1/projects/" + s.projectId() + "/go-live-readiness/" + item, Map.of("done", true));
		}
		Response refused = done(s.projectId(), goLive);
		assertProblem(refused, 422, "goLiveReadiness");
		assertThat(refused.body().get("code").asString()).isEqualTo("error.golive.incompleteBeforeGoLive");
		assertThat(refused.body().get("detail").asString()).contains("Key stakeholders aware of go-live")
			.doesNotContain("UAT signed off");
		JsonNode readiness = get("/api/v1/projects/" + s.projectId() + "/go-live-readiness").body();
		assertThat(readiness.get("missing").toString()).isEqualTo("[\"STAKEHOLDERS_INFORMED\"]");
		call("PUT", "/api/v1/projects/" + s.projectId() + "/go-live-readiness/STAKEHOLDERS_INFORMED", Map.of("done", true));
		Response live = done(s.projectId(), goLive);
		assertThat(live.status()).as(live.raw()).isEqualTo(200);

		// Hypercare: two weeks from today; an issue logged now gets the default resolution target.
		LocalDate today = LocalDate.now();
		JsonNode hypercare = get("/api/v1/projects/" + s.projectId() + "/hypercare").body();
		assertThat(hypercare.get("active").asBoolean()).isTrue();
		assertThat(hypercare.get("until").asString()).isEqualTo(today.plusDays(13).toString());
		Response issue = post("/api/v1/projects/" + s.projectId() + "/issues",
				Map.of("kind", "TECHNICAL", "title", "Export to the ERP times out"));
		assertThat(issue.status()).as(issue.raw()).isBetween(200, 201);
		hypercare = get("/api/v1/projects/" + s.projectId() + "/hypercare").body();
		assertThat(hypercare.get("issues").size()).isEqualTo(1);
		assertThat(hypercare.get("issues").get(0).get("resolveBy").asString()).isEqualTo(today.plusDays(2).toString());

		// The portfolio lists the account in hypercare with its open issue and the next target.
		var row = portfolio.page(new Portfolio.Filter(null, null, false, false, s.name(), null, null), 0, 10).items()
			.getFirst();
		assertThat(row.inHypercare()).isTrue();
		assertThat(row.hypercareUntil()).isEqualTo(today.plusDays(13));
		assertThat(row.hypercareOpenIssues()).isEqualTo(1);
		assertThat(row.hypercareNextDue()).isEqualTo(today.plusDays(2));

		// And the pages show it: the project's panel and the portfolio's badge.
		HttpClient staff = signIn();
		String panel = page(staff, "/projects/" + s.projectId() + "/handoff?lang=en");
		assertThat(panel).contains("id=\"hypercare-badge\"", "Export to the ERP times out");
		String dashboard = page(staff, "/?lang=en&q=" + URLEncoder.encode(s.name(), StandardCharsets.UTF_8));
		assertThat(dashboard).contains("badge yellow hypercare", "1 open issue(s)");
		// An account that never went live is not in hypercare.
		Signed other = sign("en", 300, 20_000);
		assertThat(portfolio.page(new Portfolio.Filter(null, null, false, false, other.name(), null, null), 0, 10).items()
			.getFirst().inHypercare()).isFalse();
	}

	@Test
	void graduationSendsTheIntroductionAndCreatesTheCallAndTheCadenceOnce() {
		Signed s = sign("ms", 40, 5_000);
		String opportunity = post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities",
				Map.of("description", "Finance team wants the approvals module", "estimatedAcv", 12000)).body().get("id")
			.asString();
		post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities",
				Map.of("description", "Second warehouse"));
		String lost = post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities",
				Map.of("description", "Group-wide licence")).body().get("id").asString();
		assertThat(post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities/" + lost + "/close",
				Map.of("status", "LOST", "outcome", "Budget frozen")).body().get("status").asString()).isEqualTo("LOST");
		assertProblem(post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities/" + lost + "/close",
				Map.of("status", "WON")), 422, "status");
		assertProblem(post("/api/v1/projects/" + s.projectId() + "/expansion-opportunities", Map.of("description", " ")),
				400, "description");
		Gates.handoffFormFilled(this, s.projectId());
		com.onward.testing.MetValue.meet(this::post, s.projectId());
		post("/api/v1/projects/" + s.projectId() + "/scorecard", Map.of("technical", 9, "knowledge", 9, "adoption", 9,
				"value", 9, "stakeholder", 9));
		Response graduated = post("/api/v1/projects/" + s.projectId() + "/graduate",
				Map.of("ongoingCsm", "Nadia Rahman", "earlyReason", "All goals met ahead of plan"));
		assertThat(graduated.status()).as(graduated.raw()).isEqualTo(200);

		// The handoff package carries the sales handoff and the open expansion opportunities.
		JsonNode handoff = null;
		for (JsonNode h : get("/api/v1/projects/" + s.projectId() + "/handoffs").body()) {
			if (h.get("kind").asString().equals("ONBOARDING_TO_ONGOING")) handoff = h;
		}
		assertThat(handoff).isNotNull();
		assertThat(handoff.get("context").get("expansionOpportunities").toString())
			.contains("Finance team wants the approvals module (12000)", "Second warehouse").doesNotContain("Group-wide");
		assertThat(handoff.get("context").get("salesHandoff").get("useCase").asString()).isEqualTo("Invoice processing");
		assertThat(opportunity).isNotBlank();

		// The ongoing CSM's introduction in the account's language, and four tasks, each once.
		UUID account = UUID.fromString(s.accountId());
		await(() -> count("select count(*) from automation_task where account_id = :a and rule_code = 'STEADY_STATE'",
				account) == 4);
		await(() -> count("select count(*) from outbox_message where account_id = :a and template = 'ongoing-csm-introduction'",
				account) == 1);
		var intro = jdbc.sql("""
				select subject, recipient, language from outbox_message
				where account_id = :a and template = 'ongoing-csm-introduction'""")
			.param("a", account).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		assertThat(intro.get(0)).contains("kenali Nadia Rahman");
		assertThat(intro.get(1)).isEqualTo("siti@acme.example");
		assertThat(intro.get(2)).isEqualTo("ms");
		LocalDate today = LocalDate.now();
		var due = jdbc.sql("""
				select title_key, due_on from automation_task where account_id = :a and rule_code = 'STEADY_STATE'
				order by due_on""")
			.param("a", account).query((rs, n) -> rs.getString(1) + "@" + rs.getObject(2, LocalDate.class)).list();
		assertThat(due).containsExactly("task.STEADY_STATE_TRANSITION_CALL@" + today.plusDays(7),
				"task.STEADY_STATE_MONTHLY_CHECK_IN@" + today.plusDays(30),
				"task.STEADY_STATE_QUARTERLY_REVIEW@" + today.plusDays(90),
				"task.STEADY_STATE_ANNUAL_PLANNING@" + today.plusDays(365));
		// Redelivered: nothing twice.
		var event = new ProjectGraduated(UUID.fromString(s.projectId()), account, today, "ms", "s", "b", false);
		steadyStateAgain(event);
		assertThat(count("select count(*) from automation_task where account_id = :a and rule_code = 'STEADY_STATE'",
				account)).isEqualTo(4);
		assertThat(count("select count(*) from outbox_message where account_id = :a and template = 'ongoing-csm-introduction'",
				account)).isEqualTo(1);
	}

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;
	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	private void steadyStateAgain(ProjectGraduated event) {
		tx.executeWithoutResult(status -> events.publishEvent(event));
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theReviewDeckRendersInBahasaIndonesiaAndIsKeptWithTheCompletionReview() throws IOException {
		Signed s = sign("id", 300, 20_000);
		String criterion = post("/api/v1/projects/" + s.projectId() + "/success-criteria", Map.of("useCase", "Faktur",
				"kpi", "Waktu pemrosesan faktur", "unit", "hari", "kind", "QUANTITATIVE", "baseline", 6, "target", 3.6))
			.body().get("id").asString();
		post("/api/v1/success-criteria/" + criterion + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 3.5, "sampleSize", 50));
		post("/api/v1/success-criteria/" + criterion + "/confirmations",
				Map.of("confirmedBy", "Siti Rahma", "quote", "Faktur kami jauh lebih cepat", "evidence", List.of()));

		HttpResponse<byte[]> pdf = bytes("/api/v1/projects/" + s.projectId() + "/review-deck.pdf?fresh=true");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		String text = text(pdf.body());
		assertThat(text).contains("Tinjauan penyelesaian onboarding: " + s.name(),
				"Kriteria keberhasilan: baseline vs sekarang", "Waktu pemrosesan faktur · dikonfirmasi oleh pelanggan",
				"Baseline 6 → sekarang 3,5 (target 3,6) hari", "Tren adopsi", "Pelatihan",
				"Nilai yang dikonfirmasi pelanggan", "Siti Rahma", "Faktur kami jauh lebih cepat", "Laba atas investasi",
				"telah mencapai 1 dari 1 kriteria keberhasilan");
		assertThat(text).doesNotContain("Success criteria", "deck.");

		// Recording the completion review keeps the deck with it; the download is that deck.
		Response review = call("PUT", "/api/v1/projects/" + s.projectId() + "/completion-review",
				Map.of("scheduledOn", LocalDate.now().plusDays(3).toString(), "customerSignOff", false));
		assertThat(review.status()).as(review.raw()).isEqualTo(200);
		JsonNode decks = get("/api/v1/projects/" + s.projectId() + "/review-decks").body();
		assertThat(decks.size()).isEqualTo(1);
		assertThat(decks.get(0).get("kind").asString()).isEqualTo("COMPLETION_REVIEW");
		assertThat(decks.get(0).get("language").asString()).isEqualTo("id");
		assertThat(text(bytes("/api/v1/projects/" + s.projectId() + "/review-deck.pdf").body()))
			.contains("Tinjauan penyelesaian onboarding");
		// A quarterly business review deck.
		assertThat(post("/api/v1/projects/" + s.projectId() + "/review-decks?kind=QBR", null).status()).isEqualTo(201);
		assertThat(text(bytes("/api/v1/projects/" + s.projectId() + "/review-deck.pdf?kind=QBR").body()))
			.contains("Tinjauan bisnis triwulanan: " + s.name());
	}

	private static String text(byte[] pdf) throws IOException {
		try (var doc = Loader.loadPDF(pdf)) {
			// Long lines wrap: compare words, not line breaks.
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
	}

	private HttpResponse<byte[]> bytes(String path) {
		try {
			return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private long count(String sql, UUID account) {
		return jdbc.sql(sql).param("a", account).query(Long.class).single();
	}

	private HttpClient signIn() throws IOException, InterruptedException {
		if (users.find("handoff-admin").isEmpty()) {
			users.create("handoff-admin", "Handoff Admin", null, StaffRole.ADMIN, "handoff-admin-pass");
		}
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = page(client, "/login");
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(m.find()).isTrue();
		String form = "username=handoff-admin&password=handoff-admin-pass&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		return client;
	}

	private String page(HttpClient client, String path) throws IOException, InterruptedException {
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
		return r.body();
	}
}
