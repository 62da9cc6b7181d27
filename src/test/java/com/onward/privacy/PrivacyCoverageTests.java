package com.onward.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.core.ApplicationModules;

import com.onward.OnwardApplication;
import com.onward.shared.PersonalDataHandler;

/**
 * No module and no table can be forgotten: every table of the database (from the catalogue) is
 * taken care of by some module's {@link PersonalDataHandler} or listed below as holding no
 * personal data of the customer's people, with the reason; every module owning such a table has
 * a handler.
 */
class PrivacyCoverageTests extends PrivacyTestSupport {

	/** Tables without personal data of the customer's people, and why. Add to it only with a reason. */
	static final Map<String, String> NO_CUSTOMER_PERSONAL_DATA = Map.ofEntries(
			Map.entry("flyway_schema_history", "schema migrations"),
			Map.entry("shedlock", "job locks"),
			Map.entry("playbook", "the vendor's plan templates"),
			Map.entry("feature", "the vendor's feature catalogue"),
			Map.entry("content_item", "the vendor's training content"),
			Map.entry("automation_rule", "the vendor's rules"),
			Map.entry("success_criterion_template", "the vendor's success-criteria templates"),
			Map.entry("quick_win_idea", "the vendor's quick-win ideas"),
			Map.entry("webhook_endpoint", "the vendor's integrations"),
			Map.entry("app_user", "the vendor's staff (managed on the admin page)"),
			Map.entry("api_token", "the vendor's tokens (hashes)"),
			Map.entry("team_member", "the vendor's staff (managed on the team page)"),
			Map.entry("usage_event_key", "senders' event ids for de-duplication, kept days (onward.usage.dedup-retention)"),
			Map.entry("usage_batch_key", "Idempotency-Keys, kept days (onward.usage.dedup-retention)"),
			Map.entry("privacy_request", "the privacy log: subjects as keyed digests, reasons redacted"),
			Map.entry("privacy_retention_run", "counts of retention runs"),
			Map.entry("privacy_key", "the pseudonym key"),
			Map.entry("app_secret", "signing keys generated on first start"),
			Map.entry("admin_setup_token", "the one-time first-admin link (a hash)"),
			Map.entry("sign_in_throttle", "failed staff sign-ins per name and address, kept minutes"),
			Map.entry("password_reset_token", "staff password reset links (hashes)"),
			Map.entry("spring_session", "staff sign-in sessions"),
			Map.entry("spring_session_attributes", "staff sign-in sessions"),
			Map.entry("delivery_policy", "the vendor's sending hours and daily cap"),
			Map.entry("segment_event_mapping", "the vendor's event-name mapping"),
			Map.entry("crm_connection", "the vendor's CRM receivers and their mapping"),
			Map.entry("support_source", "the vendor's help-desk receivers (secrets)"),
			Map.entry("portal_branding", "the vendor's name, logo and colour"));

	/** Modules owning no table with the customer's personal data. */
	static final Set<String> MODULES_WITHOUT_HANDLER = Set.of("shared", "demo", "playbook", "portfolio", "privacy", "planning");

	@Autowired
	Privacy privacy;

	List<PersonalDataHandler> handlers;

	@org.junit.jupiter.api.BeforeEach
	void handlers() {
		handlers = privacy.handlers();
	}

	@Test
	void everyTableIsTakenCareOfByAModuleOrHoldsNoPersonalData() {
		var covered = new HashSet<String>();
		handlers.forEach(h -> covered.addAll(h.tables()));
		var tables = new TreeSet<>(jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition""")
			.query(String.class).list());
		var forgotten = new TreeSet<>(tables);
		forgotten.removeAll(covered);
		forgotten.removeAll(NO_CUSTOMER_PERSONAL_DATA.keySet());
		assertThat(forgotten).as("tables no PersonalDataHandler names (see docs/privacy.md, 'Adding a module')").isEmpty();
		assertThat(tables).as("the handlers name real tables").containsAll(covered);
	}

	@Test
	void everyModuleWithPersonalDataHasAHandler() {
		var withHandler = new TreeSet<String>();
		for (PersonalDataHandler h : handlers) {
			String pkg = h.getClass().getPackageName();
			withHandler.add(pkg.substring("com.onward.".length()).split("\\.")[0]);
		}
		var modules = new TreeSet<String>();
		ApplicationModules.of(OnwardApplication.class).forEach(m -> modules.add(m.getBasePackage().getName()
			.substring("com.onward.".length())));
		modules.removeAll(MODULES_WITHOUT_HANDLER);
		assertThat(withHandler).containsAll(modules);
		assertThat(handlers.getLast().module()).as("the account row goes last").isEqualTo("account");
		assertThat(handlers.stream().map(PersonalDataHandler::module).distinct().count()).isEqualTo(handlers.size());
	}
}
