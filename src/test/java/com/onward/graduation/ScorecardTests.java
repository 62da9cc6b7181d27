package com.onward.graduation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** GRD-2 arithmetic and verdict boundaries; GRD-3 blockers. */
class ScorecardTests {

	static final GraduationProperties PROPS = new GraduationProperties(
			Map.of(Dimension.TECHNICAL, new BigDecimal("0.20"), Dimension.KNOWLEDGE, new BigDecimal("0.20"),
					Dimension.ADOPTION, new BigDecimal("0.20"), Dimension.VALUE, new BigDecimal("0.30"),
					Dimension.STAKEHOLDER, new BigDecimal("0.10")),
			new BigDecimal("8.0"), new BigDecimal("6.0"), List.of(com.onward.health.FlagCode.NO_LOGIN_AFTER_ACCESS), 30, 30, 24, 7);

	static Scorecard.Result score(String t, String k, String a, String v, String s, Scorecard.Blocker... blockers) {
		return Scorecard.evaluate(Scorecard.scores(new BigDecimal(t), new BigDecimal(k), new BigDecimal(a),
				new BigDecimal(v), new BigDecimal(s)), PROPS, List.of(blockers));
	}

	static Scorecard.Result all(String score) {
		return score(score, score, score, score, score);
	}

	@Test
	void theSeedsWorkedExample() {
		Scorecard.Result r = score("9", "8", "7", "9", "8");
		assertThat(Scorecard.shown(r.total())).isEqualByComparingTo("8.3");
		assertThat(Scorecard.shown(r.total()).toPlainString()).isEqualTo("8.3");
		assertThat(r.verdict()).isEqualTo(Verdict.READY);
		assertThat(r.blockers()).isEmpty();
	}

	@Test
	void verdictBoundariesUseTheExactTotal() {
		assertThat(all("7.99").verdict()).isEqualTo(Verdict.CLOSE);
		assertThat(Scorecard.shown(all("7.99").total()).toPlainString()).isEqualTo("7.99");
		assertThat(all("8.0").verdict()).isEqualTo(Verdict.READY);
		assertThat(all("5.99").verdict()).isEqualTo(Verdict.NOT_READY);
		assertThat(all("6.0").verdict()).isEqualTo(Verdict.CLOSE);
		assertThat(all("0").verdict()).isEqualTo(Verdict.NOT_READY);
		assertThat(all("10").verdict()).isEqualTo(Verdict.READY);
		assertThat(Scorecard.shown(all("10").total()).toPlainString()).isEqualTo("10");
		assertThat(Scorecard.shown(all("10").total()).toString()).isEqualTo("10");
		// Value weighs most: 10 everywhere but value 5 → 8.5; value 10, the rest 5 → 6.5.
		assertThat(score("10", "10", "10", "5", "10").total()).isEqualByComparingTo("8.5");
		assertThat(score("5", "5", "5", "10", "5").total()).isEqualByComparingTo("6.5");
	}

	@Test
	void aBlockerKeepsAHighScoreFromReady() {
		var blocker = new Scorecard.Blocker("NO_LOGIN_AFTER_ACCESS", "USER_ADOPTION");
		Scorecard.Result r = score("10", "10", "10", "10", "10", blocker);
		assertThat(r.total()).isEqualByComparingTo("10");
		assertThat(r.verdict()).isEqualTo(Verdict.CLOSE);
		assertThat(r.blockers()).containsExactly(blocker);
		// Below READY a blocker changes nothing.
		assertThat(score("5", "5", "5", "5", "5", blocker).verdict()).isEqualTo(Verdict.NOT_READY);
	}

	@Test
	void scoresOutsideZeroToTenAreRefused() {
		assertThatThrownBy(() -> score("10.5", "8", "7", "9", "8")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("technical");
		assertThatThrownBy(() -> score("9", "8", "-1", "9", "8")).hasMessageContaining("adoption");
	}

	@Test
	void allFiveGreenEveryDimensionAtTheFloor() {
		var seven = new BigDecimal("7");
		var seeds = Scorecard.evaluate(Scorecard.scores(new BigDecimal("9"), new BigDecimal("8"), new BigDecimal("7"),
				new BigDecimal("9"), new BigDecimal("8")), PROPS, List.of(), seven);
		assertThat(seeds.verdict()).isEqualTo(Verdict.READY);
		assertThat(seeds.belowFloor()).isEmpty();
		var valueFour = Scorecard.evaluate(Scorecard.scores(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN,
				new BigDecimal("4"), BigDecimal.TEN), PROPS, List.of(), seven);
		assertThat(valueFour.total()).isEqualByComparingTo("8.2");
		assertThat(valueFour.verdict()).isEqualTo(Verdict.CLOSE);
		assertThat(valueFour.belowFloor()).containsExactly(Dimension.VALUE);
		// Below READY the floor changes nothing but is still reported.
		var low = Scorecard.evaluate(Scorecard.scores(new BigDecimal("5"), new BigDecimal("5"), new BigDecimal("5"),
				new BigDecimal("5"), new BigDecimal("5")), PROPS, List.of(), seven);
		assertThat(low.verdict()).isEqualTo(Verdict.NOT_READY);
		assertThat(low.belowFloor()).hasSize(5);
	}
}
