package com.onward.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/**
 * The portal home is rendered once per state of its data and kept: a view of an unchanged state
 * must still carry the request's own CSRF token in every form (never the placeholder), forms posted
 * with a token from a kept page must work, and a change, another contact or another language must
 * give another page.
 */
class PortalHomePageIntegrationTests extends PortalTestSupport {

	@Test
	void aKeptPageCarriesTheRequestsOwnCsrfTokenAndChangesWithItsData() {
		Customer c = customer("en", true);
		Browser browser = signedIn(c);
		Page first = browser.get("/portal");
		Page second = browser.get("/portal");
		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		for (Page page : List.of(first, second)) {
			assertThat(page.body()).doesNotContain(PortalHomePage.CSRF_PLACEHOLDER);
			assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		}
		List<String> tokens = tokens(second.body());
		assertThat(tokens).isNotEmpty().allMatch(t -> t.matches("[A-Za-z0-9_-]{20,}"));
		// The same page apart from the tokens, whose mask is drawn per request.
		assertThat(second.body().replaceAll(PortalTestSupport.CSRF.pattern(), ""))
			.isEqualTo(first.body().replaceAll(PortalTestSupport.CSRF.pattern(), ""));

		// A form of the kept page works with its token: the homework is done, and the next page shows it.
		UUID questionnaire = homework(c).get("questionnaire");
		browser.csrf = tokens.get(0);
		assertThat(browser.post("/portal/homework/" + questionnaire, Map.of("status", "DONE")).status()).isEqualTo(302);
		String after = browser.get("/portal").body();
		String article = after.substring(after.indexOf("id=\"item-" + questionnaire + "\""));
		assertThat(article.substring(0, article.indexOf("</article>"))).contains("Done");

		// The language is part of the page: Bahasa Indonesia gives another page, not the kept English one.
		String indonesian = browser.get("/portal?lang=id").body();
		assertThat(indonesian).contains("lang=\"id\"").isNotEqualTo(after);

		// Another contact of another account never gets this contact's page.
		Customer other = customer("en", true);
		String theirs = signedIn(other).get("/portal").body();
		assertThat(theirs).contains(name(other)).doesNotContain(name(c));
	}

	private String name(Customer customer) {
		return get("/api/v1/accounts/" + customer.accountId()).body().get("name").asString();
	}

	private static List<String> tokens(String html) {
		var list = new ArrayList<String>();
		Matcher m = PortalTestSupport.CSRF.matcher(html);
		while (m.find()) list.add(m.group(1));
		return list;
	}
}
