package com.onward.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.Currency;
import com.onward.shared.Money;
import com.onward.shared.NotFoundException;
import com.onward.shared.PageResult;
import com.onward.shared.Segment;
import com.onward.shared.TouchModel;

/** The accounts: creation with automatic segmentation, look-ups, paging and segment overrides. */
@Service
public class Accounts {

	public record SegmentHistoryEntry(Instant at, String actor, Segment from, Segment to, String reason) {
	}

	static final String COLUMNS = """
			id, external_id, name, industry, employees, acv_amount, acv_currency, technical, use_case, product_type,
			licensed_seats, language, contract_signed_date, renewal_date, owner_csm_id, status, segment, touch_model,
			segment_overridden, created_at, country, time_zone""";

	private final JdbcClient jdbc;
	private final Segmentation segmentation;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final Clock clock;
	private final AccountsProperties props;

	Accounts(JdbcClient jdbc, Segmentation segmentation, ApplicationEventPublisher events, AuditLog audit, Clock clock,
			AccountsProperties props) {
		this.props = props;
		this.jdbc = jdbc;
		this.segmentation = segmentation;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Account create(NewAccount a) {
		if (a.externalId() != null && !a.externalId().isBlank() && findByExternalId(a.externalId()).isPresent()) {
			throw BusinessRuleException.of("externalId", "error.account.externalIdExists", a.externalId());
		}
		return insert(a, null, null);
	}

	/**
	 * A new account for a contract signed on {@code signedOn}, written with its signing date, renewal date and
	 * onboarding project in the same row (one write instead of an insert and two updates). The caller has
	 * checked that the external id is new.
	 */
	Account createSigned(NewAccount a, LocalDate signedOn, UUID projectId) {
		return insert(a, signedOn, projectId);
	}

	private Account insert(NewAccount a, LocalDate signedOn, UUID projectId) {
		String timeZone = timeZone(a.timeZone(), a.country());
		UUID id = UUID.randomUUID();
		Money acv = a.acv().toMoney();
		Segment segment = segmentation.segmentFor(a.employees(), acv);
		Instant now = clock.instant();
		Account account = jdbc.sql("""
				insert into account (id, external_id, name, industry, employees, acv_amount, acv_currency, technical,
				  use_case, product_type, licensed_seats, language, renewal_date, status, segment, touch_model, created_at,
				  country, time_zone, contract_signed_date, current_project_id)
				values (:id, :ext, :name, :industry, :employees, :acv, :currency, :technical, :useCase, :productType,
				  :seats, :language, :renewal, 'ONBOARDING', :segment, :touch, :at, :country, :timeZone, :signed, :project)
				""" + " returning " + COLUMNS)
			.param("id", id)
			.param("ext", a.externalId() == null || a.externalId().isBlank() ? null : a.externalId())
			.param("name", a.name().strip())
			.param("industry", a.industry())
			.param("employees", a.employees())
			.param("acv", acv.amount())
			.param("currency", acv.currency().name())
			.param("technical", Boolean.TRUE.equals(a.technical()))
			.param("useCase", a.useCase())
			.param("productType", a.productType().name())
			.param("seats", a.licensedSeats() == null ? 0 : a.licensedSeats())
			.param("language", a.languageOrDefault())
			.param("renewal", a.renewalDate() != null || signedOn == null ? a.renewalDate() : signedOn.plusYears(1))
			.param("segment", segment.name())
			.param("touch", segment.touchModel().name())
			.param("at", Timestamp.from(now))
			.param("country", a.country()).param("timeZone", timeZone)
			.param("signed", signedOn).param("project", projectId)
			.query(Accounts::map).single();
		jdbc.sql("""
				insert into segment_change (account_id, at, actor, from_segment, to_segment, reason)
				values (:id, :at, :actor, null, :to, 'segmentation rules')""")
			.param("id", id).param("at", Timestamp.from(now)).param("actor", AuditLog.currentActor())
			.param("to", segment.name()).update();
		audit.record("account.created", "account", id, a.name() + " → " + segment);
		events.publishEvent(new AccountCreated(id, a.contactsOrEmpty()));
		return account;
	}

	/**
	 * The time zone to store: the one given (checked), else the configured zone of the country, else
	 * none (the vendor's zone then applies).
	 */
	String timeZone(String given, String country) {
		if (given != null && !given.isBlank()) {
			try {
				return java.time.ZoneId.of(given.strip()).getId();
			}
			catch (java.time.DateTimeException e) {
				throw com.onward.shared.InvalidInputException.of("timeZone",
						"unknown time zone '" + given + "'; use a region like Asia/Jakarta");
			}
		}
		return country == null ? null : props.countryTimeZones().get(country);
	}

	/** Sets the account's country and/or time zone by hand (a country alone sets its zone). */
	@Transactional
	public Account changeTimeZone(UUID id, String country, String timeZone) {
		Account account = get(id);
		if (country != null && !country.matches("[A-Z]{2}")) {
			throw com.onward.shared.InvalidInputException.of("country", "must be an ISO 3166 country code like ID or MY");
		}
		if ((timeZone == null || timeZone.isBlank()) && country == null) {
			throw com.onward.shared.InvalidInputException.of("timeZone", "give a time zone or a country");
		}
		String zone = timeZone(timeZone, country);
		jdbc.sql("update account set country = coalesce(:country, country), time_zone = :zone where id = :id")
			.param("country", country).param("zone", zone).param("id", id).update();
		audit.record("account.time-zone", "account", id, account.timeZone() + " → " + zone);
		return get(id);
	}

	public Account get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException("Account", id));
	}

	public Optional<Account> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from account where id = :id").param("id", id).query(Accounts::map)
			.optional();
	}

	/**
	 * The account, read with a key-share lock held until the caller's transaction ends: a background listener
	 * that is about to write rows for the account (a survey, a message) calls this first, so that an account
	 * deletion running at the same moment either waits for it (and then deletes those rows too) or has already
	 * committed (and the account is absent here). Must be called inside a transaction.
	 */
	public Optional<Account> findForWriting(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from account where id = :id for key share").param("id", id)
			.query(Accounts::map).optional();
	}

	/** Locks the account against {@link #findForWriting} until the caller's transaction ends; false if it is absent. */
	public boolean lockForDeletion(UUID id) {
		return jdbc.sql("select 1 from account where id = :id for update").param("id", id).query(Integer.class)
			.optional().isPresent();
	}

	public Optional<Account> findByExternalId(String externalId) {
		return jdbc.sql("select " + COLUMNS + " from account where external_id = :ext").param("ext", externalId)
			.query(Accounts::map).optional();
	}

	// Read-only: served by the replica when one is configured (a second or so behind the primary).
	@Transactional(readOnly = true)
	public PageResult<Account> page(Segment segment, String query, int page, int size) {
		// Only the conditions in use go into the SQL, so the planner can walk the (name, id) index.
		var where = new StringBuilder(" where true");
		var params = new java.util.HashMap<String, Object>();
		if (segment != null) {
			where.append(" and segment = :segment");
			params.put("segment", segment.name());
		}
		if (query != null && !query.isBlank()) {
			where.append(" and (lower(name) like :q escape '\\' or external_id = :raw)");
			params.put("q", "%" + com.onward.shared.Texts.likeLiteral(query.strip().toLowerCase()) + "%");
			params.put("raw", query.strip());
		}
		// The page's ids are skipped to in the (name, id) index alone, then only their rows are read by key; the
		// total comes along in the same statement (computed once). The ids go through an array so that the plan
		// kept for the prepared statement, made without knowing the page size, still reads only those rows.
		String count = "select count(*) from account" + where;
		long[] total = { -1 };
		List<Account> items = jdbc.sql("select " + COLUMNS + ", (" + count + ") as total"
				+ " from unnest(array(select id from account" + where + " order by name, id limit :size offset :offset))"
				+ " with ordinality as page(account_id, ord) join account a on a.id = page.account_id order by page.ord")
			.params(params).param("size", size).param("offset", (long) page * size)
			.query((rs, n) -> {
				total[0] = rs.getLong("total");
				return map(rs, n);
			}).list();
		if (items.isEmpty()) {
			// Past the last page: the total alone.
			total[0] = jdbc.sql(count).params(params).query(Long.class).single();
		}
		return new PageResult<>(items, page, size, total[0]);
	}

	/**
	 * Corrects what was typed about the account (a mistyped ACV, the head count, ...). Each change is
	 * audited with its old and new value; a contract that carried the same mistyped ACV is corrected
	 * with it. The segment stays as it is (the page shows what the rules would now give).
	 */
	@Transactional
	public Account correctFacts(UUID id, AccountFactsForm f) {
		Account before = get(id);
		Money acv = new Money(f.acvAmount(), f.acvCurrency());
		int seats = f.licensedSeats() == null ? 0 : f.licensedSeats();
		var changes = new java.util.ArrayList<String>();
		diff(changes, "name", before.name(), f.name().strip());
		diff(changes, "industry", com.onward.shared.Texts.blankToNull(before.industry()), com.onward.shared.Texts.blankToNull(f.industry()));
		diff(changes, "employees", before.employees(), f.employees());
		if (before.acv().amount().compareTo(acv.amount()) != 0 || before.acv().currency() != acv.currency()) {
			changes.add("acv: " + before.acv().amount().stripTrailingZeros().toPlainString() + " " + before.acv().currency()
					+ " → " + acv.amount().stripTrailingZeros().toPlainString() + " " + acv.currency());
		}
		diff(changes, "licensedSeats", before.licensedSeats(), seats);
		diff(changes, "useCase", com.onward.shared.Texts.blankToNull(before.useCase()), com.onward.shared.Texts.blankToNull(f.useCase()));
		if (changes.isEmpty()) return before;
		jdbc.sql("""
				update account set name = :name, industry = :industry, employees = :employees, acv_amount = :acv,
				  acv_currency = :currency, licensed_seats = :seats, use_case = :useCase where id = :id""")
			.param("name", f.name().strip()).param("industry", com.onward.shared.Texts.blankToNull(f.industry()))
			.param("employees", f.employees()).param("acv", acv.amount()).param("currency", acv.currency().name())
			.param("seats", seats).param("useCase", com.onward.shared.Texts.blankToNull(f.useCase())).param("id", id)
			.update();
		jdbc.sql("""
				update contract set acv_amount = :acv, acv_currency = :currency
				where account_id = :id and acv_amount = :oldAcv and acv_currency = :oldCurrency""")
			.param("acv", acv.amount()).param("currency", acv.currency().name()).param("id", id)
			.param("oldAcv", before.acv().amount()).param("oldCurrency", before.acv().currency().name()).update();
		audit.record("account.facts-corrected", "account", id, String.join("; ", changes));
		return get(id);
	}

	/** The segment the rules give for these facts (shown next to a corrected account). */
	public Segment segmentFor(int employees, Money acv) {
		return segmentation.segmentFor(employees, acv);
	}

	private static void diff(List<String> changes, String field, Object before, Object after) {
		if (!java.util.Objects.equals(before, after)) changes.add(field + ": " + before + " → " + after);
	}

	@Transactional
	public Account overrideSegment(UUID id, Segment to, String reason) {
		if (reason == null || reason.isBlank()) {
			throw BusinessRuleException.of("reason", "error.account.overrideReason");
		}
		Account account = get(id);
		jdbc.sql("update account set segment = :s, touch_model = :t, segment_overridden = true where id = :id")
			.param("s", to.name()).param("t", to.touchModel().name()).param("id", id).update();
		jdbc.sql("""
				insert into segment_change (account_id, at, actor, from_segment, to_segment, reason)
				values (:id, :at, :actor, :from, :to, :reason)""")
			.param("id", id).param("at", Timestamp.from(clock.instant())).param("actor", AuditLog.currentActor())
			.param("from", account.segment().name()).param("to", to.name()).param("reason", reason.strip())
			.update();
		audit.record("account.segment-overridden", "account", id, account.segment() + " → " + to + ": " + reason);
		events.publishEvent(new SegmentChanged(id, account.segment(), to, reason));
		return get(id);
	}

	public List<SegmentHistoryEntry> segmentHistory(UUID id) {
		return jdbc.sql("""
				select at, actor, from_segment, to_segment, reason from segment_change
				where account_id = :id order by at desc, id desc""")
			.param("id", id)
			.query((rs, n) -> new SegmentHistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2),
					rs.getString(3) == null ? null : Segment.valueOf(rs.getString(3)), Segment.valueOf(rs.getString(4)),
					rs.getString(5)))
			.list();
	}

	/** Records the account's owner CSM (set by the team module when it assigns one). */
	@Transactional
	public void assignOwnerCsm(UUID accountId, UUID memberId) {
		jdbc.sql("update account set owner_csm_id = :m where id = :id").param("m", memberId).param("id", accountId)
			.update();
	}

	/**
	 * A past customer imported with its history: signed on {@code signedOn}, past onboarding (steady
	 * state); renewals recorded afterwards move its status and renewal date.
	 */
	@Transactional
	public void markPastCustomer(UUID accountId, LocalDate signedOn) {
		jdbc.sql("""
				update account set contract_signed_date = :d, renewal_date = coalesce(renewal_date, :renewal),
				  status = 'STEADY_STATE' where id = :id""")
			.param("d", signedOn).param("renewal", signedOn.plusYears(1)).param("id", accountId).update();
	}

	/** A known account's new contract: its first signing date and renewal stay, the contract's project becomes its current one. */
	void markSigned(UUID accountId, LocalDate signedOn, UUID projectId) {
		jdbc.sql("""
				update account set contract_signed_date = coalesce(contract_signed_date, :d),
				  renewal_date = coalesce(renewal_date, :renewal), current_project_id = :p where id = :id""")
			.param("d", signedOn).param("renewal", signedOn.plusYears(1)).param("p", projectId).param("id", accountId)
			.update();
	}

	static Account map(ResultSet rs, int n) throws SQLException {
		return new Account(rs.getObject("id", UUID.class), rs.getString("external_id"), rs.getString("name"),
				rs.getString("industry"), rs.getInt("employees"),
				new Money(rs.getBigDecimal("acv_amount"), Currency.valueOf(rs.getString("acv_currency"))),
				rs.getBoolean("technical"), rs.getString("use_case"), ProductType.valueOf(rs.getString("product_type")),
				rs.getInt("licensed_seats"), rs.getString("language"), rs.getObject("contract_signed_date", LocalDate.class),
				rs.getObject("renewal_date", LocalDate.class), rs.getObject("owner_csm_id", UUID.class),
				AccountStatus.valueOf(rs.getString("status")), Segment.valueOf(rs.getString("segment")),
				TouchModel.valueOf(rs.getString("touch_model")), rs.getBoolean("segment_overridden"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("country"), rs.getString("time_zone"));
	}
}
