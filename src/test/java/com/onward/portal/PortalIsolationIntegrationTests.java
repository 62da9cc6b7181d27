package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * PRT-2: with account A's portal session, every portal route the application has (read from its
 * own handler mapping, so a new route is covered without a change here) is called with every id
 * of account B — items (internal ones too), files, comments, criteria, surveys, contacts, the
 * account and project — and answers 404; B's rows are the same afterwards.
 */
class PortalIsolationIntegrationTests extends PortalTestSupport {

	/** The path variables portal routes may have; a route with another fails this test until it is covered. */
	static final Set<String> ID_VARIABLES = Set.of("itemId", "fileId", "commentId", "surveyId", "criterionId");
	static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)(:[^}]*)?}");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Route(String pattern, RequestMethod method, List<String> variables) {
	}

	List<Route> portalRoutes() {
		var routes = new ArrayList<Route>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.equals("/portal") && !pattern.startsWith("/portal/")) continue;
				List<String> variables = new ArrayList<>();
				Matcher m = VARIABLE.matcher(pattern);
				while (m.find()) variables.add(m.group(1));
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
					routes.add(new Route(pattern, method, variables));
				}
			}
		});
		return routes;
	}

	/** Every row of account B the portal could touch, as text. */
	String dump(Customer b) {
		var out = new StringBuilder();
		for (String sql : List.of(
				"select id, status, completed_on, notes, due_date, assignee from project_item where project_id = :p order by id",
				"select id, status, progress_percent, forecast_graduation_date from project where id = :p",
				"select id, body, author from portal_comment where account_id = :a order by id",
				"select id, filename, md5(data) from portal_file where account_id = :a order by id",
				"select id, kpi, met_on from success_criterion where account_id = :a order by id",
				"select id, answered_at, score, comment from survey_request where account_id = :a order by id",
				"select id, name, email, sentiment from contact where account_id = :a order by id",
				"select contact_id, enabled, digest from portal_contact where account_id = :a order by contact_id")) {
			jdbc.sql(sql).param("p", b.projectId()).param("a", b.accountId()).query((rs, n) -> {
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.append(rs.getString(i)).append('|');
				return out.append('\n');
			}).list();
		}
		return out.toString();
	}

	@Test
	void everyPortalRouteAnswers404ForEveryIdOfAnotherAccountAndChangesNothing() {
		Customer a = customer("en", true);
		Customer b = customer("en", true);
		link(a.email(), 1);
		link(b.email(), 1);

		// Account B with homework done, a comment, a file, a criterion and a CSAT survey.
		Browser bBrowser = signedIn(b);
		UUID bHomework = homework(b).get("hw-data-exports");
		bBrowser.post("/portal/homework/" + bHomework + "/comments", Map.of("comment", "B's private comment"));
		bBrowser.upload("/portal/homework/" + bHomework + "/files", "b.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
		bBrowser.post("/portal/homework/" + homework(b).get("questionnaire"), Map.of("status", "DONE"));
		var criterion = post("/api/v1/projects/" + b.projectId() + "/success-criteria", Map.of("useCase", "Invoices",
				"kpi", "B's secret KPI", "unit", "days", "kind", "QUANTITATIVE", "baseline", 6, "target", 3));
		assertThat(criterion.status()).as(criterion.raw()).isEqualTo(201);
		UUID golive = item(b, "golive");
		com.onward.Gates.goLiveReady(this, b.projectId());
		call("PATCH", "/api/v1/projects/" + b.projectId() + "/items/" + golive, Map.of("status", "DONE"));
		await(() -> jdbc.sql("select count(*) from survey_request where account_id = :a").param("a", b.accountId())
			.query(Long.class).single() >= 1);

		Set<UUID> bIds = new LinkedHashSet<>();
		bIds.add(b.accountId());
		bIds.add(b.projectId());
		bIds.add(b.contactId());
		items(b).forEach(i -> bIds.add(UUID.fromString(i.get("id").asString())));
		for (String table : List.of("portal_comment", "portal_file", "success_criterion", "survey_request")) {
			List<UUID> ids = jdbc.sql("select id from " + table + " where account_id = :a").param("a", b.accountId())
				.query(UUID.class).list();
			assertThat(ids).as(table).isNotEmpty();
			bIds.addAll(ids);
		}
		String before = dump(b);

		Browser aBrowser = signedIn(a);
		aBrowser.csrf();
		List<Route> routes = portalRoutes();
		assertThat(routes).extracting(Route::pattern).contains("/portal", "/portal/homework/{itemId}",
				"/portal/files/{fileId}", "/portal/surveys/{surveyId}", "/portal/criteria/{criterionId}");
		int calls = 0;
		for (Route route : routes) {
			if (route.variables().isEmpty() || route.variables().equals(List.of("token"))) continue; // a link proves itself
			assertThat(ID_VARIABLES).as("portal route %s has a path variable this test does not cover", route.pattern())
				.containsAll(route.variables());
			for (UUID id : bIds) {
				String path = VARIABLE.matcher(route.pattern()).replaceAll(id.toString());
				Page page = switch (route.method()) {
					case GET -> aBrowser.get(path);
					case POST -> path.endsWith("/files") ? aBrowser.upload(path, "x.csv", "x\n".getBytes(StandardCharsets.UTF_8))
							: aBrowser.post(path, Map.of("status", "DONE", "comment", "A was here", "score", "1"));
					default -> throw new AssertionError("portal route with " + route.method() + ": " + route.pattern());
				};
				assertThat(page.status()).as("%s %s", route.method(), path).isEqualTo(404);
				assertThat(page.body()).doesNotContain("B's private comment").doesNotContain("B's secret KPI");
				calls++;
			}
		}
		assertThat(calls).isGreaterThan(6 * bIds.size() - 1);
		Page home = aBrowser.get("/portal");
		assertThat(home.status()).isEqualTo(200);
		for (UUID id : bIds) assertThat(home.body()).doesNotContain(id.toString());
		assertThat(home.body()).doesNotContain("B's private comment").doesNotContain("B's secret KPI");
		assertThat(dump(b)).isEqualTo(before);
	}
}
