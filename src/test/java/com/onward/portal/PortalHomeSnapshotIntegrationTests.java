package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The portal home reads what the customer's actions change fresh on every view, and keeps what
 * only staff change in a per-account snapshot that this instance's events drop at once.
 */
class PortalHomeSnapshotIntegrationTests extends PortalTestSupport {

	@Test
	void customerSideChangesShowAtOnceAndAnEventDropsTheStaffSideSnapshot() {
		Customer c = customer("en", true);
		Browser browser = signedIn(c);
		String kpi = unique("Invoice cycle days");
		assertThat(browser.get("/portal").body()).doesNotContain(kpi); // the snapshot is taken

		// Staff complete a homework item: the plan is read fresh, the item shows done at once.
		UUID questionnaire = homework(c).get("questionnaire");
		assertThat(call("PATCH", "/api/v1/projects/" + c.projectId() + "/items/" + questionnaire, Map.of("status", "DONE"))
			.status()).isEqualTo(200);
		String home = browser.get("/portal").body();
		String row = home.substring(home.indexOf("id=\"item-" + questionnaire + "\""));
		assertThat(row.substring(0, row.indexOf("</article>"))).contains("Done");

		// A criterion reaching its target (SuccessCriterionMet) drops the snapshot: criterion and win show.
		var criterion = post("/api/v1/projects/" + c.projectId() + "/success-criteria", Map.of("useCase", "Invoices",
				"kpi", kpi, "unit", "days", "kind", "QUANTITATIVE", "baseline", 6, "target", 3));
		assertThat(criterion.status()).as(criterion.raw()).isEqualTo(201);
		var measured = post("/api/v1/success-criteria/" + criterion.body().get("id").asString() + "/measurements",
				Map.of("measuredOn", LocalDate.now().toString(), "value", 3));
		assertThat(measured.status()).as(measured.raw()).isEqualTo(201);
		await(() -> browser.get("/portal").body().contains(kpi));
		home = browser.get("/portal").body();
		assertThat(home).contains(kpi, "Goal met");

		// Another account's snapshot is not this one's.
		Customer other = customer("en", true);
		assertThat(signedIn(other).get("/portal").body()).doesNotContain(kpi);
	}
}
