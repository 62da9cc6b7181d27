package com.onward.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

/**
 * How Segment event names become Onward's event types (ADO-1): {@code Signed In} is a
 * {@code LOGIN}, and any other name a {@code FEATURE_USED} with the name as its feature (the
 * row {@code *}); both editable, and {@code IGNORE} drops an event name altogether.
 */
@Service
public class SegmentMappings {

	public static final String ANY = "*";
	public static final String IGNORE = "IGNORE";
	public static final String PAGE_EVENT = "Page Viewed";

	/** {@code feature} null means "the event name" for {@code FEATURE_USED}. */
	public record Mapping(String event, String type, String feature) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	SegmentMappings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Mapping> all() {
		return jdbc.sql("select event_name, type, feature from segment_event_mapping order by event_name = '*', event_name")
			.query((rs, n) -> new Mapping(rs.getString(1), rs.getString(2), rs.getString(3))).list();
	}

	Map<String, Mapping> byEvent() {
		var map = new HashMap<String, Mapping>();
		all().forEach(m -> map.put(m.event(), m));
		return map;
	}

	@Transactional
	public Mapping put(String event, String type, String feature) {
		String name = Texts.blankToNull(event);
		if (name == null || name.length() > EventBatch.MAX_TEXT) {
			throw InvalidInputException.of("event", "must be 1 to " + EventBatch.MAX_TEXT + " characters");
		}
		String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
		if (!IGNORE.equals(t)) {
			try {
				UsageEventType.valueOf(t);
			}
			catch (IllegalArgumentException e) {
				throw InvalidInputException.of("type", "unknown type '" + type + "'; one of "
						+ java.util.Arrays.toString(UsageEventType.values()) + " or IGNORE");
			}
		}
		String f = Texts.blankToNull(feature);
		if (f != null && f.length() > EventBatch.MAX_TEXT) {
			throw InvalidInputException.of("feature", "must be at most " + EventBatch.MAX_TEXT + " characters");
		}
		if (!"FEATURE_USED".equals(t)) {
			f = null;
		}
		jdbc.sql("""
				insert into segment_event_mapping (event_name, type, feature, updated_at) values (:e, :t, :f, :at)
				on conflict (event_name) do update set type = excluded.type, feature = excluded.feature,
				  updated_at = excluded.updated_at""")
			.param("e", name).param("t", t).param("f", f).param("at", Timestamp.from(clock.instant())).update();
		return new Mapping(name, t, f);
	}

	@Transactional
	public void delete(String event) {
		if (ANY.equals(event)) {
			throw InvalidInputException.of("event", "the rule for any other event ('*') can be changed but not removed");
		}
		if (jdbc.sql("delete from segment_event_mapping where event_name = :e").param("e", event).update() == 0) {
			throw new NotFoundException("Event mapping", event);
		}
	}
}
