package com.onward.analytics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Tables as CSV (RFC 4180, header first); cells that a spreadsheet would run as formulas are quoted with '. */
public final class Csv {

	private Csv() {
	}

	public static String of(List<String> header, List<List<?>> rows) {
		var out = new StringWriter();
		try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			printer.printRecord(header);
			for (List<?> row : rows) {
				printer.printRecord(row.stream().map(Csv::cell).toList());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toString();
	}

	private static Object cell(Object v) {
		if (v == null) return "";
		if (v instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) return "'" + s;
		return v;
	}

	public static List<String> headerOfTtv() {
		return List.of("key", "count", "achieved", "medianDays", "p25Days", "p75Days", "rating");
	}

	public static String ttv(TimeToValue.Report r) {
		return of(headerOfTtv(), r.groups().stream().<List<?>>map(g -> java.util.Arrays.asList(g.key(), g.count(),
				g.achieved(), g.medianDays(), g.p25Days(), g.p75Days(), g.rating())).toList());
	}

	public static String cohortMatrix(Retention.Matrix m) {
		return of(List.of("cohort", "bucket", "accounts", "renewed", "churned", "retentionRate", "low95", "high95"),
				m.cells().stream().<List<?>>map(c -> java.util.Arrays.asList(c.cohort(), c.bucket(), c.accounts(),
						c.renewed(), c.churned(), c.retentionRate(), c.low95(), c.high95())).toList());
	}

	public static String retention(Retention.Report r) {
		return of(List.of("key", "accounts", "renewalsDue", "renewed", "churned", "unknown", "retentionRate", "low95",
				"high95", "expansionRate", "benchmark", "eligible90Days", "retained90Days", "retention90Rate"),
				r.buckets().stream().<List<?>>map(b -> java.util.Arrays.asList(b.key(), b.accounts(), b.renewalsDue(),
						b.renewed(), b.churned(), b.unknown(), b.retentionRate(), b.low95(), b.high95(),
						b.expansionRate(), b.benchmark(), b.eligible90Days(), b.retained90Days(), b.retention90Rate()))
					.toList());
	}
}
