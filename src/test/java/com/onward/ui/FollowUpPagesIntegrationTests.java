package com.onward.ui;

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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onward.Gates;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.portal.FeedbackSurveys;
import com.onward.survey.Surveys;
import com.onward.usage.UsageTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The staff pages over what used to be API-only, with a real session against the embedded PostgreSQL:
 * escalations recorded, listed and resolved; the tech-touch ready-to-complete list approved and dismissed under
 * the API's roles; success templates and quick-win ideas applied to a project; the feedback figures on the
 * analytics page; hypercare issues logged from the project page; the review deck's ROI figure. Mistakes come
 * back in the reader's language, naming the field.
 */
class FollowUpPagesIntegrationTests extends UsageTestSupport {

	@Autowired
	Users users;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	FeedbackSurveys feedback;
	@Autowired
	Surveys surveys;

	@BeforeEach
	void staff() {
		if (users.find("follow-csm").isEmpty()) users.create("follow-csm", "Follow CSM", null, StaffRole.CSM, "follow-csm-pass");
		if (users.find("follow-viewer").isEmpty()) {
			users.create("follow-viewer", "Follow Viewer", null, StaffRole.VIEWER, "follow-viewer-pass");
		}
	}

	// --- escalations --------------------------------------------------------------------------

	@Test
	void anEscalationIsRecordedOnTheHealthPageListedWithItsOwnerAndResolvedWithWhatWasDone() throws Exception {
		String account = post("/api/v1/contracts", contract(unique("esc"), LocalDate.now().minusDays(20) + "T09:00:00Z", 300,
				20_000, "id")).body().get("accountId").asString();
		String name = get("/api/v1/accounts/" + account).body().get("name").asString();
		HttpClient staff = signIn("follow-csm", "follow-csm-pass");

		// A missing summary: refused in Bahasa Indonesia, naming the field, nothing stored.
		String health = page(staff, "/accounts/" + account + "/health?lang=id");
		assertThat(health).contains("id=\"escalation-form\"", "Eskalasi ke level eksekutif");
		String refused = postForm(staff, "/accounts/" + account + "/escalations", Map.of("raisedBy", "Budi (CFO)",
				"escalatedTo", "VP Customer Success", "summary", " ", "occurredOn", LocalDate.now().toString()), "id");
		assertThat(refused).contains("Kolom ini wajib diisi (paling banyak 2.000 karakter).", "&quot;field&quot;:&quot;summary&quot;");
		assertThat(get("/api/v1/accounts/" + account + "/escalations").body().size()).isZero();
		// In the future: refused too.
		refused = postForm(staff, "/accounts/" + account + "/escalations", Map.of("raisedBy", "Budi (CFO)", "escalatedTo",
				"VP Customer Success", "summary", "Invoices late", "occurredOn", LocalDate.now().plusDays(2).toString()), "id");
		assertThat(refused).contains("Tanggal eskalasi tidak boleh di masa depan.");

		String recorded = postForm(staff, "/accounts/" + account + "/escalations", Map.of("raisedBy", "Budi (CFO)",
				"escalatedTo", "VP Customer Success", "summary", "Invoices still late after go-live", "occurredOn",
				LocalDate.now().minusDays(2).toString()), "id");
		assertThat(recorded).contains("Invoices still late after go-live").doesNotContain("escalation-error");
		String escalation = get("/api/v1/accounts/" + account + "/escalations").body().get(0).get("id").asString();

		// Listed across the portfolio: account, the red flag, since when, the owning CSM; and by the API.
		String list = page(staff, "/escalations?lang=id");
		String row = row(list, name);
		assertThat(row).contains("Eskalasi ke level eksekutif", "Budi (CFO) kepada VP Customer Success",
				"Invoices still late after go-live");
		String owner = ownerOf(account);
		if (owner != null) assertThat(row).contains(owner);
		assertThat(get("/api/v1/escalations").body().findValuesAsString("id")).contains(escalation);
		assertThat(openFlagCodes(account)).contains("EXECUTIVE_ESCALATION");

		// A viewer sees the list but may not resolve.
		HttpClient viewer = signIn("follow-viewer", "follow-viewer-pass");
		assertThat(page(viewer, "/escalations")).contains(name).doesNotContain("id=\"resolve-" + escalation + "\"");
		assertThat(postStatus(viewer, "/accounts/" + account + "/escalations/" + escalation + "/resolve",
				Map.of("resolution", "x"))).isEqualTo(403);

		// Resolving without saying what was done: refused in the reader's language.
		String noResolution = postForm(staff, "/accounts/" + account + "/escalations/" + escalation + "/resolve",
				Map.of("resolution", ""), "ms");
		assertThat(noResolution).contains("Nyatakan apa yang dilakukan untuk menyelesaikannya");
		String resolved = postForm(staff, "/accounts/" + account + "/escalations/" + escalation + "/resolve",
				Map.of("resolution", "Weekly call with the CFO until invoices are on time"), "en");
		assertThat(resolved).contains("The escalation is resolved and its red flag cleared.").doesNotContain("data-account=\"" + name);
		assertThat(get("/api/v1/escalations").body().findValuesAsString("id")).doesNotContain(escalation);
		assertThat(openFlagCodes(account)).doesNotContain("EXECUTIVE_ESCALATION");
		// Resolving twice is a business-rule refusal in the reader's language, not an error page.
		assertThat(postForm(staff, "/accounts/" + account + "/escalations/" + escalation + "/resolve",
				Map.of("resolution", "again"), "id")).contains("Eskalasi ini sudah diselesaikan.");
	}

	private String ownerOf(String account) {
		return jdbc.sql("""
				select m.name from account_v a join team_member_v m on m.member_id = a.owner_csm_id
				where a.account_id = cast(:a as uuid)""").param("a", account).query(String.class).optional().orElse(null);
	}

	private List<String> openFlagCodes(String account) {
		return jdbc.sql("select code from red_flag where account_id = cast(:a as uuid) and cleared_at is null")
			.param("a", account).query(String.class).list();
	}

	// --- ready to complete ----------------------------------------------------------------------

	@Test
	void theReadyToCompleteListIsApprovedOrDismissedFromItsPageUnderTheApisRoles() throws Exception {
		String listed = listedProject();
		String other = listedProject();
		String name = accountNameOf(listed);
		HttpClient staff = signIn("follow-csm", "follow-csm-pass");
		String page = page(staff, "/ready-to-complete?lang=id");
		assertThat(page).contains("Siap diselesaikan", "id=\"approve-" + listed + "\"", "id=\"dismiss-" + other + "\"");
		assertThat(row(page, listed)).contains(name, "SMB", "Ya, pada");

		// The same guard as the API: a viewer is refused, the project stays listed.
		HttpClient viewer = signIn("follow-viewer", "follow-viewer-pass");
		assertThat(page(viewer, "/ready-to-complete")).doesNotContain("id=\"approve-" + listed + "\"");
		assertThat(postStatus(viewer, "/projects/" + listed + "/ready-to-complete/approve", Map.of())).isEqualTo(403);
		assertThat(get("/api/v1/ready-to-complete").body().findValuesAsString("projectId")).contains(listed);

		// Too long a note: refused naming the field, nothing decided.
		String tooLong = postForm(staff, "/projects/" + other + "/ready-to-complete/dismiss", Map.of("note", "x".repeat(2001)), "ms");
		assertThat(tooLong).contains("Paling banyak 2,000 aksara.", "&quot;field&quot;:&quot;note&quot;");
		assertThat(reviewStatus(other)).isEqualTo("LISTED");

		String approved = postForm(staff, "/projects/" + listed + "/ready-to-complete/approve", Map.of("ongoingCsm", "Andi"), "id");
		assertThat(approved).contains("Disetujui: proyek telah lulus.").doesNotContain("id=\"approve-" + listed + "\"");
		assertThat(get("/api/v1/projects/" + listed).body().get("status").asString()).isEqualTo("COMPLETED");
		assertThat(reviewStatus(listed)).isEqualTo("APPROVED");
		assertThat(row(page(staff, "/ready-to-complete?status=APPROVED&lang=en"), listed)).contains("follow-csm");

		String dismissed = postForm(staff, "/projects/" + other + "/ready-to-complete/dismiss",
				Map.of("note", "Still migrating the second team"), "en");
		assertThat(dismissed).contains("Dismissed: the project stays in onboarding.");
		assertThat(reviewStatus(other)).isEqualTo("DISMISSED");
		assertThat(get("/api/v1/projects/" + other).body().get("status").asString()).isNotEqualTo("COMPLETED");
		// A decided project is no longer listed: approving it is refused in the reader's language.
		assertThat(postForm(staff, "/projects/" + other + "/ready-to-complete/approve", Map.of(), "id"))
			.contains("Hanya proyek dalam daftar siap diselesaikan yang dapat disetujui atau ditolak.");
		assertThat(get("/api/v1/projects/" + other).body().get("status").asString()).isNotEqualTo("COMPLETED");

		// The approved project's NPS answer reaches the feedback card on the analytics page, as in the API.
		Map<String, Object> nps = await(() -> jdbc.sql("select token from survey_request where account_id = :a and kind = 'NPS'")
			.param("a", UUID.fromString(accountOf(listed))).query().listOfRows().stream().findFirst().orElse(null));
		surveys.answer((String) nps.get("token"), 10, "Quick and clear");
		JsonNode api = get("/api/v1/analytics/feedback").body();
		String analytics = page(staff, "/analytics?lang=id");
		assertThat(analytics).contains("id=\"customer-feedback\"", "Umpan balik pelanggan", "NPS per segmen",
				"Lulus tepat waktu", "id=\"nps-by-segment\"");
		JsonNode smb = null;
		for (JsonNode g : api.get("npsBySegment")) if (g.get("group").asString().equals("SMB")) smb = g;
		assertThat(smb).isNotNull();
		assertThat(analytics).contains(">" + smb.get("promoters").asInt() + "<");
		assertThat(section(analytics, "feedback-exits")).contains(">" + api.get("exitInterviews").asInt() + "<");
	}

	/** An SMB project whose customer said yes to the day-30 goal survey and whose scorecard is READY. */
	private String listedProject() throws Exception {
		UUID account = account(10, "DAILY", LocalDate.now().minusDays(30), 40, 5_000,
				List.of(Map.of("name", "Rina Putri", "email", unique("rina") + "@smb.example", "role", "PROJECT_LEAD")));
		String project = get("/api/v1/projects?accountId=" + account).body().get(0).get("id").asString();
		post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Bookkeeping", "kpi",
				"books closed in the product each month", "kind", "QUALITATIVE"));
		feedback.sendGoalSurveys();
		String token = jdbc.sql("select token from survey_request where account_id = :a and kind = 'GOAL'").param("a", account)
			.query(String.class).single();
		surveys.answer(token, 1, "Yes, books closed in Onward");
		await(() -> reviewStatus(project));
		var scores = new LinkedHashMap<String, Object>(Map.of("technical", 9, "knowledge", 8, "adoption", 7, "value", 9,
				"stakeholder", 8));
		Response card = post("/api/v1/projects/" + project + "/scorecard", scores);
		assertThat(card.body().get("verdict").asString()).as(card.raw()).isEqualTo("READY");
		assertThat(reviewStatus(project)).isEqualTo("LISTED");
		return project;
	}

	private String reviewStatus(String project) {
		return jdbc.sql("select status from graduation_ready_review where project_id = cast(:p as uuid)").param("p", project)
			.query(String.class).optional().orElse(null);
	}

	private String accountOf(String project) {
		return get("/api/v1/projects/" + project).body().get("accountId").asString();
	}

	private String accountNameOf(String project) {
		return get("/api/v1/accounts/" + accountOf(project)).body().get("name").asString();
	}

	// --- templates and quick-win ideas ------------------------------------------------------------

	@Test
	void templatesAndQuickWinIdeasAreBrowsedAndAppliedToAProjectInTheAccountsLanguage() throws Exception {
		var signed = post("/api/v1/contracts", contract(unique("tpl"), LocalDate.now().minusDays(5) + "T09:00:00Z", 300,
				20_000, "id")).body();
		String project = signed.get("projectId").asString();
		HttpClient staff = signIn("follow-csm", "follow-csm-pass");

		// Browsing: every template and idea in the reader's language; from a project, in the account's language too.
		String browse = page(staff, "/success-templates?lang=en");
		assertThat(browse).contains("Average invoice processing time", "Automate one manual report")
			.doesNotContain("apply-template-");
		assertThat(page(staff, "/success-templates?lang=ms")).contains("Automasikan satu laporan manual");
		String forProject = page(staff, "/success-templates?projectId=" + project + "&lang=en");
		assertThat(forProject).contains("Customer reads: Rata-rata waktu pemrosesan faktur", "apply-template-");
		assertThat(page(staff, "/projects/" + project + "/success?lang=en")).contains("id=\"success-templates-link\"");

		// An idea planned from the page names the project's untitled 30-day quick win, in Bahasa Indonesia.
		UUID idea = ideaTitled("Automate one manual report");
		String planned = postForm(staff, "/projects/" + project + "/quick-wins/from-idea", Map.of("ideaId", idea.toString()), "en");
		assertThat(planned).contains("Quick win planned: Otomatiskan satu laporan manual");
		List<JsonNode> day30 = quickWins(project, 30);
		assertThat(day30).hasSize(1);
		assertThat(day30.get(0).get("title").asString()).isEqualTo("Otomatiskan satu laporan manual");
		// The API does the same; a second idea at day 30 is planned beside the named one.
		Response second = post("/api/v1/projects/" + project + "/quick-wins/from-idea",
				Map.of("ideaId", ideaTitled("Remove one repetitive task").toString()));
		assertThat(second.status()).as(second.raw()).isEqualTo(201);
		assertThat(second.body().get("horizonDays").asInt()).isEqualTo(30);
		assertThat(second.body().get("title").asString()).isEqualTo("Hilangkan satu tugas berulang");
		assertThat(second.body().get("targetDate").asString()).isEqualTo(day30.get(0).get("targetDate").asString());
		assertThat(quickWins(project, 30)).hasSize(2);
		assertProblem(post("/api/v1/projects/" + project + "/quick-wins/from-idea", Map.of()), 400, "ideaId");
		assertThat(post("/api/v1/projects/" + project + "/quick-wins/from-idea", Map.of("ideaId", UUID.randomUUID().toString()))
			.status()).isEqualTo(404);

		// A quantitative template without a baseline is refused in the reader's language; with one it is a criterion.
		UUID template = templateWithKpi("Average invoice processing time");
		String refused = postForm(staff, "/projects/" + project + "/success-criteria/from-template",
				Map.of("templateId", template.toString(), "target", "3,6"), "id");
		assertThat(refused).contains("id=\"template-error\"");
		assertThat(get("/api/v1/projects/" + project + "/success-criteria").body().size()).isZero();
		String added = postForm(staff, "/projects/" + project + "/success-criteria/from-template",
				Map.of("templateId", template.toString(), "baseline", "6", "target", "3,6",
						"deadline", LocalDate.now().plusDays(90).toString()), "id");
		assertThat(added).contains("Ditambahkan ke rencana keberhasilan: Rata-rata waktu pemrosesan faktur");
		JsonNode criterion = get("/api/v1/projects/" + project + "/success-criteria").body().get(0);
		assertThat(criterion.get("kpi").asString()).isEqualTo("Rata-rata waktu pemrosesan faktur");
		assertThat(criterion.get("target").decimalValue()).isEqualByComparingTo("3.6");
		assertThat(criterion.get("unit").asString()).isEqualTo("days");
	}

	private UUID ideaTitled(String en) {
		return jdbc.sql("select id from quick_win_idea where title ->> 'en' = :t").param("t", en).query(UUID.class).single();
	}

	private UUID templateWithKpi(String en) {
		return jdbc.sql("select id from success_criterion_template where kpi ->> 'en' = :t limit 1").param("t", en)
			.query(UUID.class).single();
	}

	private List<JsonNode> quickWins(String project, int horizon) {
		var out = new java.util.ArrayList<JsonNode>();
		for (JsonNode w : get("/api/v1/projects/" + project + "/quick-wins").body()) {
			if (w.get("horizonDays").asInt() == horizon && w.hasNonNull("title")) out.add(w);
		}
		return out;
	}

	// --- hypercare from the project page ------------------------------------------------------------

	@Test
	void aHypercareIssueIsLoggedFromTheProjectPageWithItsResolutionTarget() throws Exception {
		var signed = post("/api/v1/contracts", contract(unique("hyp"), LocalDate.now().minusDays(10) + "T09:00:00Z", 300,
				20_000, "id")).body();
		String project = signed.get("projectId").asString();
		Gates.ready(this, project);
		HttpClient staff = signIn("follow-csm", "follow-csm-pass");
		// Before go-live there is no hypercare to log an issue in.
		assertThat(page(staff, "/projects/" + project + "/handoff?lang=id")).doesNotContain("id=\"hypercare-issue-form\"");
		Response live = call("PATCH", "/api/v1/projects/" + project + "/items/" + goLive(project), Map.of("status", "DONE"));
		assertThat(live.status()).as(live.raw()).isEqualTo(200);
		String panel = page(staff, "/projects/" + project + "/handoff?lang=id");
		assertThat(panel).contains("id=\"hypercare-issue-form\"", "Selama hypercare, masalah tanpa tanggal mendapat target penyelesaian.");

		// A blank problem: refused in Bahasa Indonesia on the project page, nothing logged.
		HttpResponse<String> refused = postRaw(staff, "/projects/" + project + "/issues",
				Map.of("kind", "TECHNICAL", "title", " ", "from", "project"), "id");
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/projects/" + project + "#hypercare");
		assertThat(follow(staff, refused)).contains("Jelaskan masalahnya dalam paling banyak 300 karakter.");
		assertThat(get("/api/v1/projects/" + project + "/issues").body().size()).isZero();

		HttpResponse<String> logged = postRaw(staff, "/projects/" + project + "/issues",
				Map.of("kind", "TECHNICAL", "title", "Ekspor ke ERP timeout", "from", "project"), "id");
		assertThat(logged.headers().firstValue("Location").orElse("")).endsWith("/projects/" + project + "#hypercare");
		JsonNode issue = get("/api/v1/projects/" + project + "/issues").body().get(0);
		assertThat(issue.get("hypercare").asBoolean()).isTrue();
		assertThat(issue.get("resolveBy").asString()).isEqualTo(LocalDate.now().plusDays(2).toString());
		String after = page(staff, "/projects/" + project + "/handoff?lang=id");
		assertThat(after).contains("Ekspor ke ERP timeout", "hypercare-resolution-" + issue.get("id").asString());

		// Resolved from the project page as well.
		HttpResponse<String> resolved = postRaw(staff, "/projects/" + project + "/issues/" + issue.get("id").asString() + "/resolve",
				Map.of("resolution", "Timeout raised to 60 s", "from", "project"), "id");
		assertThat(resolved.headers().firstValue("Location").orElse("")).endsWith("#hypercare");
		assertThat(get("/api/v1/projects/" + project + "/issues").body().get(0).hasNonNull("resolvedAt")).isTrue();
		// The graduation page's own form still answers on the graduation page.
		HttpResponse<String> fromGraduation = postRaw(staff, "/projects/" + project + "/issues",
				Map.of("kind", "OTHER", "title", "Label typo"), "en");
		assertThat(fromGraduation.headers().firstValue("Location").orElse("")).endsWith("/graduation#issues");
	}

	private String goLive(String project) {
		for (JsonNode phase : get("/api/v1/projects/" + project).body().get("phases")) {
			for (JsonNode item : phase.get("items")) {
				if (item.get("goLive").asBoolean()) return item.get("id").asString();
			}
		}
		throw new AssertionError("no go-live in " + project);
	}

	// --- the review deck's ROI ----------------------------------------------------------------------

	@Test
	void theReviewDecksReturnOnInvestmentIsThePlanningFormulaOnValueMeasuredInTheContractsCurrency() throws Exception {
		var signed = post("/api/v1/contracts", contract(unique("roi"), LocalDate.now().minusDays(40) + "T09:00:00Z", 300,
				20_000, "id")).body();
		String project = signed.get("projectId").asString();
		// Without a criterion in money the deck says so rather than guessing.
		assertThat(deckText(project)).contains("Belum ada kriteria keberhasilan yang diukur dalam USD");

		// Savings a year: 0 → 25,000 USD measured (target 30,000); against the 20,000 USD contract: 25 % net, 1.25× gross.
		String savings = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Biaya", "kpi",
				"Penghematan biaya per tahun", "unit", "USD", "kind", "QUANTITATIVE", "baseline", 0, "target", 30_000))
			.body().get("id").asString();
		post("/api/v1/success-criteria/" + savings + "/measurements", Map.of("measuredOn", LocalDate.now().toString(), "value", 25_000));
		// A cost that falls counts as value too: 12,000 → 10,000 USD a year is 2,000 more.
		String cost = post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Biaya", "kpi",
				"Biaya lisensi lama per tahun", "unit", "$", "kind", "QUANTITATIVE", "baseline", 12_000, "target", 8_000))
			.body().get("id").asString();
		post("/api/v1/success-criteria/" + cost + "/measurements", Map.of("measuredOn", LocalDate.now().toString(), "value", 10_000));
		// A criterion in days is no money.
		post("/api/v1/projects/" + project + "/success-criteria", Map.of("useCase", "Faktur", "kpi", "Waktu faktur", "unit",
				"hari", "kind", "QUANTITATIVE", "baseline", 6, "target", 3));

		// 27,000 against 20,000: the planning calculator's own arithmetic gives 35 % net and 1.35× gross.
		JsonNode planning = post("/api/v1/planning/roi", Map.of("newCustomersPerYear", 1, "acv", Map.of("amount", 27_000,
				"currency", "USD"), "retentionBefore", 0, "retentionAfter", 1, "investment", Map.of("amount", 20_000,
						"currency", "USD"))).body();
		assertThat(planning.get("roiPercent").decimalValue()).isEqualByComparingTo("35");
		assertThat(deckText(project)).contains("Nilai yang diukur dalam uang: 27.000 USD per tahun dari 2 kriteria, "
				+ "dibandingkan nilai kontrak 20.000 USD per tahun. Laba atas investasi: 35 % bersih, 1,35× kotor.");
	}

	private String deckText(String project) throws IOException, InterruptedException {
		HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/v1/projects/" + project + "/review-deck.pdf")).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		try (var doc = Loader.loadPDF(pdf.body())) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
	}

	// --- a staff session over plain HTTP ------------------------------------------------------------

	private HttpClient signIn(String user, String password) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> r = client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
					+ enc(csrf(login))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(302);
		return client;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private String page(HttpClient client, String path) throws Exception {
		HttpResponse<String> r = client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(path).isEqualTo(200);
		assertThat(r.body()).as(path).doesNotContain("??");
		return r.body();
	}

	/** Posts a form (with the CSRF token of a page) in {@code lang}; the answer is the redirect, not followed. */
	private HttpResponse<String> postRaw(HttpClient client, String path, Map<String, String> fields, String lang)
			throws Exception {
		String token = csrf(page(client, "/escalations?lang=" + lang));
		String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&")) + "&_csrf=" + enc(token);
		return client.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form and reads the page it leads back to. */
	private String postForm(HttpClient client, String path, Map<String, String> fields, String lang) throws Exception {
		HttpResponse<String> r = postRaw(client, path, fields, lang);
		assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(302);
		return follow(client, r);
	}

	private String follow(HttpClient client, HttpResponse<String> redirect) throws Exception {
		String location = redirect.headers().firstValue("Location").orElseThrow();
		URI to = redirect.uri().resolve(location);
		String path = to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
		return page(client, path);
	}

	private int postStatus(HttpClient client, String path, Map<String, String> fields) throws Exception {
		return postRaw(client, path, fields, "en").statusCode();
	}

	/** The table row (or element) carrying {@code marker}. */
	private static String row(String html, String marker) {
		int at = html.indexOf(marker);
		assertThat(at).as("'" + marker + "' on the page").isNotNegative();
		int start = html.lastIndexOf("<tr", at);
		int end = html.indexOf("</tr>", at);
		return html.substring(start, end);
	}

	private static String section(String html, String id) {
		int at = html.indexOf("id=\"" + id + "\"");
		assertThat(at).as(id).isNotNegative();
		return html.substring(at, Math.min(html.length(), at + 600));
	}

	private static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		if (m.find()) return m.group(1);
		m = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF token").isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static <T> T await(Supplier<T> value) throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			T v = value.get();
			if (v != null) return v;
			Thread.sleep(50);
		}
		throw new AssertionError("never happened");
	}
}
