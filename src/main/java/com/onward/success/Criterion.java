package com.onward.success;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A success criterion with its measurements and confirmations. Progress is the share of the way
 * from baseline to target that the latest measurement covers (either direction: 6 days → 3.6 days
 * is a decrease); it is {@code null} without a measurement, and a criterion is met only on data.
 */
public record Criterion(UUID id, UUID projectId, UUID accountId, String useCase, String kpi, String unit, Kind kind,
		BigDecimal baseline, BigDecimal target, LocalDate deadline, String evidenceMethod, Source source,
		LocalDate metOn, String createdBy, Instant createdAt, List<Measurement> measurements,
		List<Confirmation> confirmations) {

	public enum Kind {
		QUANTITATIVE, QUALITATIVE
	}

	public enum Source {
		KICKOFF, SALES_HANDOFF
	}

	public enum Status {
		NO_DATA, IN_PROGRESS, MET, CONFIRMED
	}

	public record Measurement(UUID id, LocalDate measuredOn, BigDecimal value, Integer sampleSize, String note,
			String recordedBy) {
	}

	public record Evidence(String name, String url) {
	}

	public record Attachment(UUID id, String filename, String contentType, int size) {
	}

	public record Confirmation(UUID id, String confirmedBy, String quote, List<Evidence> evidence,
			List<Attachment> attachments, LocalDate confirmedOn, String recordedBy) {
	}

	public Measurement latest() {
		return measurements.isEmpty() ? null : measurements.getLast();
	}

	/** Target as a change from the baseline, in percent (6 → 3.6 is −40). */
	@JsonProperty
	public Integer targetChangePercent() {
		if (kind == Kind.QUALITATIVE || baseline.signum() == 0) return null;
		return target.subtract(baseline).multiply(BigDecimal.valueOf(100)).divide(baseline, 0, RoundingMode.HALF_UP)
			.intValue();
	}

	/** The latest measurement as a change from the baseline, in percent (3.5 days from 6 is −42). */
	@JsonProperty
	public Integer achievedChangePercent() {
		if (kind == Kind.QUALITATIVE || latest() == null || baseline.signum() == 0) return null;
		return latest().value().subtract(baseline).multiply(BigDecimal.valueOf(100))
			.divide(baseline, 0, RoundingMode.HALF_UP).intValue();
	}

	/** 0–100 % of the way from baseline to target (capped), or null without a measurement. */
	@JsonProperty
	public Integer progressPercent() {
		if (kind == Kind.QUALITATIVE) return confirmations.isEmpty() ? null : 100;
		if (latest() == null) return null;
		return progressOf(baseline, target, latest().value());
	}

	/** 0–100 % of the way from baseline to target that a value covers (either direction), capped. */
	public static int progressOf(BigDecimal baseline, BigDecimal target, BigDecimal value) {
		BigDecimal share = value.subtract(baseline).multiply(BigDecimal.valueOf(100))
			.divide(target.subtract(baseline), 0, RoundingMode.HALF_UP);
		return Math.max(0, Math.min(100, share.intValue()));
	}

	/** The latest measurement reaches the target (in the target's direction). */
	public boolean reached() {
		if (kind == Kind.QUALITATIVE) return !confirmations.isEmpty();
		if (latest() == null) return false;
		boolean decrease = target.compareTo(baseline) < 0;
		int c = latest().value().compareTo(target);
		return decrease ? c <= 0 : c >= 0;
	}

	@JsonProperty
	public Status status() {
		if (!confirmations.isEmpty()) return Status.CONFIRMED;
		if (reached()) return Status.MET;
		return kind == Kind.QUANTITATIVE && latest() != null ? Status.IN_PROGRESS : Status.NO_DATA;
	}

	public boolean overdue(LocalDate today) {
		return deadline != null && deadline.isBefore(today) && !reached();
	}
}
