package com.onward.graduation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The GRD-2 arithmetic, with no I/O: total = Σ weight × score in exact decimals (9, 8, 7, 9, 8
 * → 8.3), the verdict decided on the exact total (7.99 is CLOSE, never rounded up to READY),
 * and any blocker or any dimension below the floor keeping a READY total at CLOSE.
 */
final class Scorecard {

	/** What keeps a project from graduating; {@code detail} names the problem when there is one (a logged issue). */
	record Blocker(String code, String category, String detail) {
		Blocker(String code, String category) {
			this(code, category, null);
		}
	}

	/** The verdict, with the dimensions below the floor ("all five green") and the blockers that stand in its way. */
	record Result(BigDecimal total, Verdict verdict, List<Blocker> blockers, List<Dimension> belowFloor) {
		Result(BigDecimal total, Verdict verdict, List<Blocker> blockers) {
			this(total, verdict, blockers, List.of());
		}
	}

	private Scorecard() {
	}

	static Result evaluate(Map<Dimension, BigDecimal> scores, GraduationProperties props, List<Blocker> blockers) {
		return evaluate(scores, props, blockers, BigDecimal.ZERO);
	}

	/**
	 * All five green: READY needs the total at {@code readyFrom} or more, every dimension at
	 * {@code floor} or more and no blocker; a READY total held back by either is CLOSE.
	 */
	static Result evaluate(Map<Dimension, BigDecimal> scores, GraduationProperties props, List<Blocker> blockers,
			BigDecimal floor) {
		BigDecimal total = BigDecimal.ZERO;
		for (Dimension d : Dimension.values()) {
			BigDecimal score = scores.get(d);
			if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.TEN) > 0) {
				throw new IllegalArgumentException(d.name().toLowerCase() + " must be between 0 and 10");
			}
			total = total.add(props.weights().getOrDefault(d, BigDecimal.ZERO).multiply(score));
		}
		Verdict verdict = total.compareTo(props.readyFrom()) >= 0 ? Verdict.READY
				: total.compareTo(props.closeFrom()) >= 0 ? Verdict.CLOSE : Verdict.NOT_READY;
		List<Dimension> belowFloor = java.util.Arrays.stream(Dimension.values())
			.filter(d -> scores.get(d).compareTo(floor) < 0).toList();
		if (verdict == Verdict.READY && (!blockers.isEmpty() || !belowFloor.isEmpty())) {
			verdict = Verdict.CLOSE;
		}
		return new Result(total, verdict, List.copyOf(blockers), belowFloor);
	}

	/** The total as shown: two decimals at most, trailing zeros dropped (8.3, 7.99). */
	static BigDecimal shown(BigDecimal total) {
		BigDecimal shown = total.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
		return shown.scale() < 0 ? shown.setScale(0) : shown; // 10, not 1E+1
	}

	static Map<Dimension, BigDecimal> scores(BigDecimal technical, BigDecimal knowledge, BigDecimal adoption,
			BigDecimal value, BigDecimal stakeholder) {
		var map = new EnumMap<Dimension, BigDecimal>(Dimension.class);
		map.put(Dimension.TECHNICAL, technical);
		map.put(Dimension.KNOWLEDGE, knowledge);
		map.put(Dimension.ADOPTION, adoption);
		map.put(Dimension.VALUE, value);
		map.put(Dimension.STAKEHOLDER, stakeholder);
		return map;
	}
}
