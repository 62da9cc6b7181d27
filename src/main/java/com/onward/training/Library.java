package com.onward.training;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.shared.Segment;
import com.onward.shared.Texts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The content library (TRN-3): four levels, tagged, searchable (PostgreSQL full text over title
 * and tags), recommended per account by segment, use case and role; and enablement levels (TRN-4).
 */
@Service
public class Library {

	public enum Level {
		GETTING_STARTED, USE_CASE, FEATURE_DOC, VIDEO
	}

	public record Content(UUID id, Level level, String title, String url, List<String> tags, List<String> segments,
			List<String> roles, List<String> useCases, Integer durationMinutes) {
	}

	public record NewContent(@NotNull Level level, @NotBlank @Size(max = 300) String title,
			@NotBlank @Size(max = 2000) @com.onward.shared.WebLinks.WebLink String url, List<@NotBlank @Size(max = 50) String> tags, List<Segment> segments,
			List<Session.Audience> roles, List<@NotBlank @Size(max = 100) String> useCases, @Positive Integer durationMinutes) {
	}

	public record Enablement(UUID accountId, int level, String note, String updatedBy, Instant updatedAt) {
	}

	public record EnablementUpdate(@NotNull @Min(1) @Max(4) Integer level, @Size(max = 2000) String note) {
	}

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final AuditLog audit;
	private final Clock clock;

	Library(JdbcClient jdbc, Accounts accounts, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Content add(NewContent c) {
		com.onward.shared.WebLinks.require("url", c.url());
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into content_item (id, level, title, url, tags, segments, roles, use_cases, duration_minutes, created_at)
				values (:id, :level, :title, :url, :tags, :segments, :roles, :useCases, :minutes, :at)""")
			.param("id", id).param("level", c.level().name()).param("title", c.title().strip()).param("url", c.url().strip())
			.param("tags", array(c.tags() == null ? List.of() : c.tags().stream().map(t -> t.strip().toLowerCase()).toList()))
			.param("segments", array(c.segments() == null ? List.of() : c.segments().stream().map(Enum::name).toList()))
			.param("roles", array(c.roles() == null ? List.of() : c.roles().stream().map(Enum::name).toList()))
			.param("useCases", array(c.useCases() == null ? List.of()
					: c.useCases().stream().map(u -> u.strip().toLowerCase()).toList()))
			.param("minutes", c.durationMinutes()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("content.added", "content", id, c.title());
		return search(null, null, null, 1000).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
	}

	/** Full-text search over titles and tags (any word, prefix match), optionally by level and tag. */
	public List<Content> search(String q, Level level, String tag, int limit) {
		String query = q == null ? "" : q.strip().toLowerCase().replaceAll("[^\\p{L}\\p{N} ]", " ").trim();
		String tsQuery = query.isEmpty() ? null : String.join(" & ", java.util.Arrays.stream(query.split("\\s+"))
			.map(w -> w + ":*").toList());
		return jdbc.sql("""
				select id, level, title, url, tags, segments, roles, use_cases, duration_minutes from content_item
				where (cast(:q as text) is null
				       or to_tsvector('simple', title || ' ' || array_to_string(tags, ' ')) @@ to_tsquery('simple', :q))
				  and (cast(:level as text) is null or level = :level)
				  and (cast(:tag as text) is null or :tag = any(tags))
				order by level, title limit :limit""")
			.param("q", tsQuery).param("level", level == null ? null : level.name())
			.param("tag", tag == null || tag.isBlank() ? null : tag.strip().toLowerCase()).param("limit", limit)
			.query(Library::map).list();
	}

	/**
	 * Recommendations for an account: content for its segment (or every segment), matching its use case
	 * first, for the given role (or every role); getting-started material always included.
	 */
	public List<Content> recommended(UUID accountId, Session.Audience role) {
		Account account = accounts.get(accountId);
		String useCase = account.useCase() == null ? "" : account.useCase().strip().toLowerCase();
		return jdbc.sql("""
				select id, level, title, url, tags, segments, roles, use_cases, duration_minutes from content_item
				where (segments = '{}' or :segment = any(segments))
				  and (cast(:role as text) is null or roles = '{}' or :role = any(roles))
				  and (level = 'GETTING_STARTED' or use_cases = '{}' or :useCase = any(use_cases))
				order by (:useCase = any(use_cases)) desc, level, title limit 20""")
			.param("segment", account.segment().name()).param("role", role == null ? null : role.name())
			.param("useCase", useCase).query(Library::map).list();
	}

	public Optional<Enablement> enablement(UUID accountId) {
		return jdbc.sql("select level, note, updated_by, updated_at from enablement where account_id = :a")
			.param("a", accountId)
			.query((rs, n) -> new Enablement(accountId, rs.getInt(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	@Transactional
	public Enablement setEnablement(UUID accountId, EnablementUpdate u) {
		accounts.get(accountId);
		jdbc.sql("""
				insert into enablement (account_id, level, note, updated_by, updated_at) values (:a, :level, :note, :by, :at)
				on conflict (account_id) do update set level = excluded.level, note = excluded.note,
				  updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("a", accountId).param("level", u.level()).param("note", Texts.blankToNull(u.note()))
			.param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
		audit.record("enablement.set", "account", accountId, "level " + u.level());
		return enablement(accountId).orElseThrow();
	}

	private static String[] array(List<String> values) {
		return values.toArray(String[]::new);
	}

	private static Content map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Content(rs.getObject(1, UUID.class), Level.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				List.of((String[]) rs.getArray(5).getArray()), List.of((String[]) rs.getArray(6).getArray()),
				List.of((String[]) rs.getArray(7).getArray()), List.of((String[]) rs.getArray(8).getArray()),
				(Integer) rs.getObject(9));
	}
}
