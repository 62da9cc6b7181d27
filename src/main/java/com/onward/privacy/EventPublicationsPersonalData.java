package com.onward.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataHandler;

/**
 * Spring Modulith's event publication registry keeps each event's payload (contacts' addresses,
 * user ids, account ids) after its listeners completed. Completed publications naming a person or
 * an account go at once; the rest after {@code event-publications}. A publication still pending
 * is left for its listener and counted, so a repeated erasure can take it once it completed.
 */
@Component
class EventPublicationsPersonalData implements PersonalDataHandler {

	private final JdbcClient jdbc;

	EventPublicationsPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String module() {
		return "events";
	}

	@Override
	public java.util.Set<String> tables() {
		return java.util.Set.of("event_publication");
	}

	@Override
	public Map<String, Long> erase(Person person) {
		var needles = new java.util.LinkedHashSet<>(person.emails());
		needles.addAll(person.userIds());
		needles.addAll(person.contactIds().stream().map(Object::toString).toList());
		return purge(needles.stream(), false);
	}

	@Override
	public Map<String, Long> deleteAccount(AccountScope account) {
		// Nothing is left to deliver to an account that is gone.
		return purge(Stream.concat(Stream.of(account.accountId().toString()), account.projectIds().stream().map(Object::toString)),
				true);
	}

	private Map<String, Long> purge(Stream<String> needles, boolean pendingToo) {
		String[] patterns = needles.map(n -> "%" + n.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
			.replace("%", "\\%").replace("_", "\\_") + "%").toArray(String[]::new);
		var counts = new LinkedHashMap<String, Long>();
		if (patterns.length == 0) return counts;
		counts.put("event_publication", (long) jdbc.sql("""
				delete from event_publication
				where (completion_date is not null or :all) and lower(serialized_event) like any(:patterns)""")
			.param("all", pendingToo).param("patterns", patterns).update());
		if (!pendingToo) {
			counts.put("event_publication.pending", jdbc.sql("""
					select count(*) from event_publication
					where completion_date is null and lower(serialized_event) like any(:patterns)""")
				.param("patterns", patterns).query(Long.class).single());
		}
		return counts;
	}

	@Override
	public void export(AccountScope account, Export export) {
		// Internal delivery records, not data about the account: nothing to export.
	}

	@Override
	public Map<String, Long> applyRetention(Retention retention) {
		Instant cutoff = retention.cutoff("event-publications");
		if (cutoff == null) return Map.of();
		return Map.of("event_publication", (long) jdbc.sql(
				"delete from event_publication where completion_date is not null and completion_date < :cutoff")
			.param("cutoff", Timestamp.from(cutoff)).update());
	}
}
