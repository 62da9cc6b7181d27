package com.onward.account;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.shared.ContactRole;
import com.onward.shared.Currency;
import com.onward.shared.Texts;

import jakarta.validation.Validator;

/**
 * CSV import of accounts and signed contracts (ACC-4). Every row is checked first; a file
 * with any bad row imports nothing and the report names row, column and problem. A valid
 * file is imported in one transaction. Contract columns are optional per row; a contract
 * whose external id was imported before is skipped (idempotent re-import).
 */
@Service
public class AccountImport {

	public static final List<String> COLUMNS = List.of("externalId", "name", "industry", "employees", "acvAmount",
			"acvCurrency", "licensedSeats", "productType", "technical", "useCase", "language", "renewalDate",
			"contractExternalId", "signedAt", "complexity", "integrations", "dataVolume", "limitedCustomerResources",
			"busySeason", "country", "timeZone", "contactName", "contactEmail", "contactRole", "historical", "completed");

	private static final Set<String> REQUIRED = Set.of("name", "employees", "acvAmount", "acvCurrency", "productType");

	/** Rows a file may hold (one transaction imports them all), and errors reported (the first ones). */
	static final int MAX_ROWS = 10_000;
	static final int MAX_ERRORS = 100;

	public record RowError(int row, String column, String message) {
	}

	/**
	 * What an import did — or, for a preview, would do: {@code historicalContracts} are imported
	 * without any customer email; {@code customerEmails} is how many emails the signings send to
	 * customers (welcome, kickoff invitation, the fitting sequence step).
	 */
	public record Report(boolean imported, int rows, int accountsCreated, int contractsCreated,
			int contractsAlreadyKnown, List<RowError> errors, boolean preview, int historicalContracts,
			int customerEmails) {

		Report(boolean imported, int rows, int accountsCreated, int contractsCreated, int contractsAlreadyKnown,
				List<RowError> errors) {
			this(imported, rows, accountsCreated, contractsCreated, contractsAlreadyKnown, errors, false, 0, 0);
		}
	}

	private record Row(int line, NewAccount account, SignContract contract) {
	}

	private final Accounts accounts;
	private final Contracts contracts;
	private final Validator validator;
	private final Segmentation segmentation;
	private final AccountsProperties props;
	private final ObjectProvider<CustomerEmailEstimate> estimate;
	private final Clock clock;

	AccountImport(Accounts accounts, Contracts contracts, Validator validator, Segmentation segmentation,
			AccountsProperties props, ObjectProvider<CustomerEmailEstimate> estimate, Clock clock) {
		this.accounts = accounts;
		this.contracts = contracts;
		this.validator = validator;
		this.segmentation = segmentation;
		this.props = props;
		this.estimate = estimate;
		this.clock = clock;
	}

	@Transactional
	public Report importCsv(Reader reader) {
		return importCsv(reader, false);
	}

	/**
	 * Checks every row, then (unless a preview) imports them. A row with a contract signed more than
	 * {@code onward.accounts.historical-import-after-days} ago, or {@code completed}, is historical
	 * unless its {@code historical} column says otherwise.
	 */
	@Transactional
	public Report importCsv(Reader reader, boolean preview) {
		List<RowError> errors = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).get().parse(reader)) {
			List<String> header = parser.getHeaderNames();
			for (String required : REQUIRED) {
				if (!header.contains(required)) {
					errors.add(new RowError(1, required, "missing column"));
				}
			}
			for (String column : header) {
				if (!COLUMNS.contains(column)) {
					errors.add(new RowError(1, column, "unknown column; expected one of " + String.join(", ", COLUMNS)));
				}
			}
			if (!errors.isEmpty()) {
				return new Report(false, 0, 0, 0, 0, errors);
			}
			Set<String> accountIds = new HashSet<>();
			Set<String> contractIds = new HashSet<>();
			for (CSVRecord record : parser) {
				int line = (int) record.getRecordNumber() + 1; // the header is line 1
				if (record.getRecordNumber() > MAX_ROWS) {
					errors.add(new RowError(line, "file", "has more than " + MAX_ROWS + " rows; split it into smaller files"));
					break;
				}
				if (errors.size() >= MAX_ERRORS) {
					continue; // keep counting rows for the cap, but report only the first errors
				}
				Row row = parse(record, line, errors);
				if (row == null) continue;
				String ext = row.account().externalId();
				if (ext != null && !ext.isBlank()) {
					if (!accountIds.add(ext) && row.contract() == null) {
						errors.add(new RowError(line, "externalId", "appears twice in this file"));
					}
					else if (row.contract() == null && accounts.findByExternalId(ext).isPresent()) {
						errors.add(new RowError(line, "externalId", "an account with this external id exists"));
					}
				}
				if (row.contract() != null && !contractIds.add(row.contract().externalId())) {
					errors.add(new RowError(line, "contractExternalId", "appears twice in this file"));
				}
				rows.add(row);
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException e) {
			errors.add(new RowError(0, "file", "not a readable CSV file: " + e.getMessage()));
		}
		if (!errors.isEmpty()) {
			return new Report(false, rows.size(), 0, 0, 0, errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors,
					preview, 0, 0);
		}
		LocalDate today = LocalDate.now(clock);
		var planned = new ArrayList<CustomerEmailEstimate.PlannedContract>();
		int historical = 0;
		for (Row row : rows) {
			if (row.contract() == null) continue;
			boolean known = contracts.findByExternalId(row.contract().externalId()).isPresent();
			if (known) continue;
			if (row.contract().isHistorical()) historical++;
			NewAccount a = row.account();
			planned.add(new CustomerEmailEstimate.PlannedContract(
					segmentation.segmentFor(a.employees(), a.acv().toMoney()), a.languageOrDefault(),
					row.contract().signedAt().atZone(clock.getZone()).toLocalDate(), row.contract().isHistorical(),
					a.contactsOrEmpty().stream().anyMatch(c -> c.email() != null && !c.email().isBlank())));
		}
		CustomerEmailEstimate estimator = estimate.getIfAvailable();
		int emails = estimator == null ? 0 : estimator.onSigning(planned);
		if (preview) {
			return new Report(false, rows.size(), 0, 0, 0, List.of(), true, historical, emails);
		}
		int accountsCreated = 0, contractsCreated = 0, known = 0;
		for (Row row : rows) {
			if (row.contract() == null) {
				accounts.create(row.account());
				accountsCreated++;
				continue;
			}
			boolean accountExisted = row.account().externalId() != null
					&& accounts.findByExternalId(row.account().externalId()).isPresent();
			Contracts.Signed signed = contracts.sign(row.contract(), "csv");
			if (signed.created()) {
				contractsCreated++;
				if (!accountExisted) accountsCreated++;
			}
			else {
				known++;
			}
		}
		return new Report(true, rows.size(), accountsCreated, contractsCreated, known, List.of(), false, historical,
				emails);
	}

	private Row parse(CSVRecord r, int line, List<RowError> errors) {
		int before = errors.size();
		var ctx = new Object() {
			String get(String column) {
				if (!r.isMapped(column) || !r.isSet(column)) return null;
				String v = r.get(column);
				return Texts.blankToNull(v);
			}

			<T> T parse(String column, Function<String, T> parser, String expected) {
				String v = get(column);
				if (v == null) return null;
				try {
					return parser.apply(v);
				}
				catch (RuntimeException e) {
					errors.add(new RowError(line, column, "'" + v + "' is not " + expected));
					return null;
				}
			}
		};
		Integer employees = ctx.parse("employees", Integer::valueOf, "a whole number");
		BigDecimal acvAmount = ctx.parse("acvAmount", BigDecimal::new, "a number");
		Currency currency = ctx.parse("acvCurrency", v -> Currency.valueOf(v.toUpperCase(Locale.ROOT)), "one of USD, IDR, MYR, EUR");
		Integer seats = ctx.parse("licensedSeats", Integer::valueOf, "a whole number");
		ProductType productType = ctx.parse("productType", v -> ProductType.valueOf(v.toUpperCase(Locale.ROOT)),
				"one of DAILY, WEEKLY, PERIODIC");
		Boolean technical = ctx.parse("technical", AccountImport::bool, "true or false");
		LocalDate renewal = ctx.parse("renewalDate", LocalDate::parse, "a date like 2026-03-01");
		Instant signedAt = ctx.parse("signedAt", AccountImport::instant, "a date or instant like 2026-03-01T09:00:00Z");
		var complexity = ctx.parse("complexity", v -> OnboardingFactors.Level.valueOf(v.toUpperCase(Locale.ROOT)), "LOW, MEDIUM or HIGH");
		Integer integrations = ctx.parse("integrations", Integer::valueOf, "a whole number");
		var dataVolume = ctx.parse("dataVolume", v -> OnboardingFactors.Level.valueOf(v.toUpperCase(Locale.ROOT)), "LOW, MEDIUM or HIGH");
		Boolean limited = ctx.parse("limitedCustomerResources", AccountImport::bool, "true or false");
		Boolean busy = ctx.parse("busySeason", AccountImport::bool, "true or false");
		Boolean historicalColumn = ctx.parse("historical", AccountImport::bool, "true or false");
		Boolean completed = ctx.parse("completed", AccountImport::bool, "true or false");
		var contactRole = ctx.parse("contactRole", v -> ContactRole.valueOf(v.toUpperCase(Locale.ROOT)),
				"a contact role like PROJECT_LEAD");
		String timeZone = ctx.get("timeZone");
		if (timeZone != null) {
			try {
				java.time.ZoneId.of(timeZone);
			}
			catch (java.time.DateTimeException e) {
				errors.add(new RowError(line, "timeZone", "'" + timeZone + "' is not a time zone like Asia/Jakarta"));
			}
		}
		String country = ctx.get("country");
		List<NewAccount.NewContact> contacts = ctx.get("contactName") == null ? null
				: List.of(new NewAccount.NewContact(ctx.get("contactName"), ctx.get("contactEmail"), null, null,
						contactRole == null ? ContactRole.PROJECT_LEAD : contactRole));
		if (contacts == null && ctx.get("contactEmail") != null) {
			errors.add(new RowError(line, "contactName", "required when contactEmail is given"));
		}

		var account = new NewAccount(ctx.get("externalId"), ctx.get("name"), ctx.get("industry"), employees,
				acvAmount == null && currency == null ? null : new NewAccount.MoneyInput(acvAmount, currency), seats,
				productType, technical, ctx.get("useCase"), ctx.get("language"), renewal, contacts,
				country == null ? null : country.toUpperCase(Locale.ROOT), timeZone);
		for (var violation : validator.validate(account)) {
			String path = violation.getPropertyPath().toString();
			String column = switch (path) {
				case "acv", "acv.amount" -> "acvAmount";
				case "acv.currency" -> "acvCurrency";
				case "contacts[0].email" -> "contactEmail";
				case "contacts[0].name" -> "contactName";
				default -> path;
			};
			// A column that failed to parse is already reported; don't add "must not be null" to it.
			String col = column;
			if (errors.subList(before, errors.size()).stream().noneMatch(e -> e.column().equals(col))) {
				errors.add(new RowError(line, column, violation.getMessage()));
			}
		}
		String contractExt = ctx.get("contractExternalId");
		SignContract contract = null;
		if (contractExt != null || signedAt != null) {
			if (contractExt == null) errors.add(new RowError(line, "contractExternalId", "required when signedAt is given"));
			if (signedAt == null && ctx.get("signedAt") == null) errors.add(new RowError(line, "signedAt", "required when contractExternalId is given"));
			boolean old = signedAt != null
					&& signedAt.isBefore(clock.instant().minus(java.time.Duration.ofDays(props.historicalImportAfterDays())));
			boolean historical = historicalColumn != null ? historicalColumn : old || Boolean.TRUE.equals(completed);
			contract = new SignContract(contractExt, signedAt, account, null, null,
					new OnboardingFactors(complexity, integrations, dataVolume, limited, busy), historical);
		}
		if (integrations != null && (integrations < 0 || integrations > 100)) {
			errors.add(new RowError(line, "integrations", "must be between 0 and 100"));
		}
		return errors.size() > before ? null : new Row(line, account, contract);
	}

	private static Boolean bool(String v) {
		return switch (v.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1", "y" -> true;
			case "false", "no", "0", "n" -> false;
			default -> throw new IllegalArgumentException(v);
		};
	}

	private static Instant instant(String v) {
		try {
			return Instant.parse(v);
		}
		catch (DateTimeParseException e) {
			return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
	}
}
