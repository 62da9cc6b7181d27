package com.onward.analytics;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.account.NewAccount;
import com.onward.account.ProductType;
import com.onward.account.RenewalOutcome;
import com.onward.account.Renewals;
import com.onward.identity.AuditLog;
import com.onward.shared.Currency;

import jakarta.validation.Validator;

/**
 * CSV import of past customers' history (ANL-1, ANL-3): one row per renewal, the customer's
 * columns on its first row; signing, go-live and first value dates, renewal outcomes. Every row
 * is checked first; a file with any bad row imports nothing and the report names row, column and
 * problem (as the account import). A valid file is imported in one transaction.
 */
@Service
public class HistoryImport {

	public static final List<String> COLUMNS = List.of("externalId", "name", "industry", "employees", "acvAmount",
			"acvCurrency", "productType", "language", "csm", "signedDate", "goLiveDate", "firstValueDate", "renewalDate",
			"renewalOutcome", "acvAfter");

	private static final Set<String> REQUIRED = Set.of("externalId", "signedDate");

	/**
	 * A problem in the file: its row (1 = the header, 0 = the whole file), column, an English
	 * message, and {@code code} with {@code args} to say it in the reader's language.
	 */
	public record RowError(int row, String column, String message, String code, List<String> args) {

		RowError(int row, String column, String code, String message, String... args) {
			this(row, column, message, "history.error." + code, List.of(args));
		}
	}

	/** What a cell should have been, in English (the codes {@code history.error.expected.*} say it in other languages). */
	private static final Map<String, String> EXPECTED = Map.of("date", "a date like 2025-03-01", "outcome",
			"one of RENEWED, EXPANDED, CONTRACTED, CHURNED", "number", "a number", "wholeNumber", "a whole number",
			"currency", "one of USD, IDR, MYR, EUR", "productType", "one of DAILY, WEEKLY, PERIODIC");

	public record Report(boolean imported, int rows, int customers, int renewals, List<RowError> errors) {
	}

	/** A past customer as other modules (the demo) hand it over in Java. */
	public record PastCustomer(NewAccount account, UUID csmId, LocalDate signedDate, LocalDate goLiveDate,
			LocalDate firstValueDate, List<Renewals.NewRenewal> renewals) {
	}

	private final Accounts accounts;
	private final Renewals renewals;
	private final JdbcClient jdbc;
	private final Validator validator;
	private final AuditLog audit;
	private final Clock clock;
	private final AnalyticsCache cache;

	HistoryImport(Accounts accounts, Renewals renewals, JdbcClient jdbc, Validator validator, AuditLog audit,
			Clock clock, AnalyticsCache cache) {
		this.cache = cache;
		this.accounts = accounts;
		this.renewals = renewals;
		this.jdbc = jdbc;
		this.validator = validator;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Report importCsv(Reader reader) {
		List<RowError> errors = new ArrayList<>();
		var customers = new LinkedHashMap<String, Builder>();
		int rows = 0;
		LocalDate today = LocalDate.now(clock);
		Map<String, UUID> members = new java.util.HashMap<>();
		jdbc.sql("select lower(name), member_id from team_member_v where active")
			.query(rs -> { members.putIfAbsent(rs.getString(1), rs.getObject(2, UUID.class)); });
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).get().parse(reader)) {
			List<String> header = parser.getHeaderNames();
			for (String required : REQUIRED) {
				if (!header.contains(required)) errors.add(new RowError(1, required, "missingColumn", "missing column"));
			}
			for (String column : header) {
				if (!COLUMNS.contains(column)) {
					errors.add(new RowError(1, column, "unknownColumn", "unknown column; expected one of " + String.join(", ", COLUMNS), String.join(", ", COLUMNS)));
				}
			}
			if (!errors.isEmpty()) return new Report(false, 0, 0, 0, errors);
			for (CSVRecord record : parser) {
				rows++;
				parse(record, (int) record.getRecordNumber() + 1, errors, customers, members, today);
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException e) {
			errors.add(new RowError(0, "file", "unreadable", "not a readable CSV file: " + e.getMessage(), String.valueOf(e.getMessage())));
		}
		if (rows == 0 && errors.isEmpty()) errors.add(new RowError(0, "file", "noRows", "has no rows"));
		if (!errors.isEmpty()) return new Report(false, rows, 0, 0, errors);
		int renewalCount = 0;
		for (Builder b : customers.values()) {
			renewalCount += b.renewals.size();
			store(new PastCustomer(b.account, b.csm, b.signed, b.goLive, b.firstValue, b.renewals), "CSV");
		}
		audit.record("history.imported", "account", null, customers.size() + " past customers, " + renewalCount + " renewals");
		return new Report(true, rows, customers.size(), renewalCount, List.of());
	}

	/** Stores one past customer: the account, its onboarding's dates and its renewals in date order. */
	@Transactional
	public UUID store(PastCustomer c, String source) {
		cache.changed(AnalyticsCache.Input.ACCOUNTS, AnalyticsCache.Input.FIRST_VALUES, AnalyticsCache.Input.RENEWALS);
		Account account = accounts.create(c.account());
		accounts.markPastCustomer(account.id(), c.signedDate());
		if (c.csmId() != null) accounts.assignOwnerCsm(account.id(), c.csmId());
		jdbc.sql("""
				insert into onboarding_outcome (id, project_id, account_id, signed_on, derived_first_value, go_live_date,
				  source, updated_at)
				values (:id, null, :a, :signed, :fv, :golive, 'IMPORT', :at)""")
			.param("id", UUID.randomUUID()).param("a", account.id()).param("signed", c.signedDate())
			.param("fv", c.firstValueDate()).param("golive", c.goLiveDate()).param("at", Timestamp.from(clock.instant()))
			.update();
		c.renewals().stream().sorted(Comparator.comparing(Renewals.NewRenewal::date))
			.forEach(r -> renewals.record(account.id(), r, source));
		return account.id();
	}

	private static final class Builder {
		int line;
		NewAccount account;
		UUID csm;
		LocalDate signed, goLive, firstValue;
		final List<Renewals.NewRenewal> renewals = new ArrayList<>();
	}

	private void parse(CSVRecord r, int line, List<RowError> errors, Map<String, Builder> customers,
			Map<String, UUID> members, LocalDate today) {
		int before = errors.size();
		var ctx = new Object() {
			String get(String column) {
				if (!r.isMapped(column) || !r.isSet(column)) return null;
				String v = r.get(column);
				return v == null || v.isBlank() ? null : v.strip();
			}

			<T> T parse(String column, Function<String, T> parser, String kind) {
				String v = get(column);
				if (v == null) return null;
				try {
					return parser.apply(v);
				}
				catch (RuntimeException e) {
					errors.add(new RowError(line, column, "expected." + kind, "'" + v + "' is not " + EXPECTED.get(kind), v));
					return null;
				}
			}
		};
		String ext = ctx.get("externalId");
		if (ext == null) errors.add(new RowError(line, "externalId", "required", "is required"));
		LocalDate signed = ctx.parse("signedDate", LocalDate::parse, "date");
		if (signed == null && ctx.get("signedDate") == null) errors.add(new RowError(line, "signedDate", "required", "is required"));
		LocalDate goLive = ctx.parse("goLiveDate", LocalDate::parse, "date");
		LocalDate firstValue = ctx.parse("firstValueDate", LocalDate::parse, "date");
		LocalDate renewalDate = ctx.parse("renewalDate", LocalDate::parse, "date");
		RenewalOutcome outcome = ctx.parse("renewalOutcome", v -> RenewalOutcome.valueOf(v.toUpperCase(Locale.ROOT)),
				"outcome");
		BigDecimal acvAfter = ctx.parse("acvAfter", BigDecimal::new, "number");
		if (acvAfter != null && acvAfter.signum() < 0) errors.add(new RowError(line, "acvAfter", "negative", "must not be negative"));
		if (signed != null) {
			if (signed.isAfter(today)) errors.add(new RowError(line, "signedDate", "future", "must not be in the future"));
			if (goLive != null && goLive.isBefore(signed)) errors.add(new RowError(line, "goLiveDate", "beforeSigned", "is before signedDate"));
			if (firstValue != null && firstValue.isBefore(signed)) errors.add(new RowError(line, "firstValueDate", "beforeSigned", "is before signedDate"));
			if (renewalDate != null && !renewalDate.isAfter(signed)) errors.add(new RowError(line, "renewalDate", "afterSigned", "must be after signedDate"));
		}
		if (goLive != null && goLive.isAfter(today)) errors.add(new RowError(line, "goLiveDate", "future", "must not be in the future"));
		if (firstValue != null && firstValue.isAfter(today)) errors.add(new RowError(line, "firstValueDate", "future", "must not be in the future"));
		if (renewalDate != null && renewalDate.isAfter(today)) errors.add(new RowError(line, "renewalDate", "future", "must not be in the future"));
		if ((ctx.get("renewalDate") == null) != (ctx.get("renewalOutcome") == null)) {
			errors.add(new RowError(line, ctx.get("renewalDate") == null ? "renewalDate" : "renewalOutcome",
					"pair", "is required when the other renewal column is given"));
		}
		if (ext == null) return;
		Builder b = customers.get(ext);
		if (b == null) {
			b = new Builder();
			b.line = line;
			Integer employees = ctx.parse("employees", Integer::valueOf, "wholeNumber");
			BigDecimal amount = ctx.parse("acvAmount", BigDecimal::new, "number");
			Currency currency = ctx.parse("acvCurrency", v -> Currency.valueOf(v.toUpperCase(Locale.ROOT)), "currency");
			ProductType type = ctx.parse("productType", v -> ProductType.valueOf(v.toUpperCase(Locale.ROOT)),
					"productType");
			var account = new NewAccount(ext, ctx.get("name"), ctx.get("industry"), employees,
					amount == null && currency == null ? null : new NewAccount.MoneyInput(amount, currency), null, type,
					false, null, ctx.get("language"), null, null);
			for (var v : validator.validate(account)) {
				String path = v.getPropertyPath().toString();
				String column = switch (path) {
					case "acv", "acv.amount" -> "acvAmount";
					case "acv.currency" -> "acvCurrency";
					default -> path;
				};
				if (errors.subList(before, errors.size()).stream().noneMatch(e -> e.column().equals(column))) {
					errors.add(new RowError(line, column, "invalid", v.getMessage() + " (on a customer's first row)", v.getMessage()));
				}
			}
			if (accounts.findByExternalId(ext).isPresent()) {
				errors.add(new RowError(line, "externalId", "exists", "an account with this external id exists"));
			}
			String csm = ctx.get("csm");
			if (csm != null) {
				b.csm = members.get(csm.toLowerCase(Locale.ROOT));
				if (b.csm == null) errors.add(new RowError(line, "csm", "csm", "'" + csm + "' is not an active team member", csm));
			}
			b.account = account;
			b.signed = signed;
			b.goLive = goLive;
			b.firstValue = firstValue;
			customers.put(ext, b);
		}
		else {
			if (signed != null && !signed.equals(b.signed)) {
				errors.add(new RowError(line, "signedDate", "differs", "differs from the customer's first row (line " + b.line + ")", String.valueOf(b.line)));
			}
			if (goLive != null && b.goLive == null) b.goLive = goLive;
			if (firstValue != null && b.firstValue == null) b.firstValue = firstValue;
		}
		if (renewalDate != null && outcome != null && errors.size() == before) {
			if (b.renewals.stream().anyMatch(x -> x.date().equals(renewalDate))) {
				errors.add(new RowError(line, "renewalDate", "twice", "appears twice for this customer"));
			}
			Currency currency = b.account.acv() == null ? Currency.USD : b.account.acv().currency();
			b.renewals.add(new Renewals.NewRenewal(renewalDate, outcome,
					acvAfter == null ? null : new NewAccount.MoneyInput(acvAfter, currency == null ? Currency.USD : currency)));
		}
	}
}
