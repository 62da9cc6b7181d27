package com.onward.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.onward.shared.ContactRole;
import com.onward.stakeholder.Engagement;
import com.onward.stakeholder.Sentiment;
import com.onward.usage.AdoptionMetrics;
import com.onward.usage.EarlyWinKind;

/**
 * The health score, red flags and leading indicators of one account, computed from its
 * inputs with no I/O (so every rule is unit-tested on known data). A component without data
 * scores {@code null} and its weight is shared out among the others: nothing is invented.
 */
final class HealthRules {

	record Finding(FlagCategory category, String code, List<Object> evidence) {
	}

	enum IndicatorStatus {
		UPCOMING, MET, BEHIND, NOT_APPLICABLE
	}

	/** HLT-3: one checkpoint, its day in this plan (scaled from a 90-day plan) and what is missing. */
	record Indicator(int week, long day, IndicatorStatus status, List<String> missing) {
	}

	record Assessment(Integer score, HealthBand band, List<Component> components, List<Finding> flags,
			List<Indicator> indicators) {
	}

	static final Set<ContactRole> KEY_CONTACTS = Set.of(ContactRole.EXECUTIVE_SPONSOR, ContactRole.PROJECT_LEAD,
			ContactRole.CHAMPION, ContactRole.TECHNICAL_LEAD);

	private final HealthProperties props;
	private final SupportLoadProperties support;
	private final FeedbackFlagProperties feedback;

	HealthRules(HealthProperties props) {
		this(props, SupportLoadProperties.DEFAULTS);
	}

	HealthRules(HealthProperties props, SupportLoadProperties support) {
		this(props, support, FeedbackFlagProperties.SHIPPED);
	}

	HealthRules(HealthProperties props, SupportLoadProperties support, FeedbackFlagProperties feedback) {
		this.props = props;
		this.support = support == null ? SupportLoadProperties.DEFAULTS : support;
		this.feedback = feedback == null ? FeedbackFlagProperties.SHIPPED : feedback;
	}

	Assessment assess(HealthInputs in) {
		var raw = new ArrayList<Component>();
		raw.add(adoption(in));
		raw.add(engagement(in));
		raw.add(milestones(in));
		raw.add(value(in));
		raw.add(support(in));
		raw.add(sentiment(in));
		// Decimal arithmetic: configured weights such as 0.3 are exact, so 30.75 rounds to 30.8 as people expect.
		BigDecimal present = raw.stream().filter(Component::hasData).map(c -> BigDecimal.valueOf(c.weight()))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		boolean any = present.signum() > 0;
		var components = new ArrayList<Component>();
		BigDecimal total = BigDecimal.ZERO;
		for (Component c : raw) {
			BigDecimal points = c.hasData() && any
					? BigDecimal.valueOf(c.weight()).multiply(BigDecimal.valueOf(c.score())).divide(present, 10, RoundingMode.HALF_UP)
					: BigDecimal.ZERO;
			double effective = c.hasData() && any
					? BigDecimal.valueOf(c.weight()).divide(present, 3, RoundingMode.HALF_UP).doubleValue() : 0;
			total = total.add(points);
			components.add(new Component(c.name(), c.weight(), effective, c.score(),
					points.setScale(1, RoundingMode.HALF_UP).doubleValue(), c.inputs(), c.explanation(), c.toRaise()));
		}
		Integer score = any ? total.setScale(0, RoundingMode.HALF_UP).intValue() : null;
		List<Indicator> indicators = indicators(in);
		return new Assessment(score, band(score), components, flags(in, indicators), indicators);
	}

	HealthBand band(Integer score) {
		if (score == null) return HealthBand.NO_DATA;
		if (score >= props.greenFrom()) return HealthBand.GREEN;
		if (score >= props.yellowFrom()) return HealthBand.YELLOW;
		return HealthBand.RED;
	}

	// --- components -------------------------------------------------------------------------

	private Component adoption(HealthInputs in) {
		AdoptionMetrics m = in.adoption();
		if (!in.telemetryConnected()) {
			return noData(Component.Name.ADOPTION, "health.adoption.noTelemetry");
		}
		if (m == null || m.onboardingDay() == null || m.onboardingDay() < props.adoptionGraceDays()) {
			return noData(Component.Name.ADOPTION, "health.adoption.tooEarly", props.adoptionGraceDays());
		}
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("onboardingDay", m.onboardingDay());
		inputs.put("licensedSeats", m.licensedSeats());
		inputs.put("activatedUsers", m.activatedUsers());
		// Each metric scores its share of the target for the day, capped at 100 %.
		var ratios = new LinkedHashMap<String, Double>();
		if (m.activationRate() != null && m.targets().activationRate() > 0) {
			inputs.put("activationRate", m.activationRate());
			inputs.put("activationTarget", round3(m.targets().activationRate()));
			ratios.put("activation", Math.min(1, m.activationRate() / m.targets().activationRate()));
		}
		if (m.weeklyActiveRate() != null && m.targets().weeklyActiveRate() > 0) {
			inputs.put("weeklyActiveRate", m.weeklyActiveRate());
			inputs.put("weeklyActiveTarget", round3(m.targets().weeklyActiveRate()));
			ratios.put("weeklyActive", Math.min(1, m.weeklyActiveRate() / m.targets().weeklyActiveRate()));
		}
		if (m.coreFeaturesTotal() > 0 && m.targets().coreFeaturesAdopted() > 0) {
			inputs.put("coreFeaturesAdopted", m.coreFeaturesAdopted());
			inputs.put("coreFeaturesTarget", round1(m.targets().coreFeaturesAdopted()));
			ratios.put("coreFeatures", Math.min(1, m.coreFeaturesAdopted() / m.targets().coreFeaturesAdopted()));
		}
		if (ratios.isEmpty()) {
			return noData(Component.Name.ADOPTION, "health.adoption.noSeats");
		}
		int score = (int) Math.round(100 * ratios.values().stream().mapToDouble(d -> d).average().orElse(0));
		String weakest = ratios.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
		Component.Text raise = switch (weakest) {
			case "activation" -> Component.Text.of("health.adoption.raise.activation",
					Math.max(1, (int) Math.ceil(m.targets().activationRate() * m.licensedSeats()) - m.activatedUsers()),
					pct(m.targets().activationRate()), m.onboardingDay());
			case "weeklyActive" -> Component.Text.of("health.adoption.raise.weeklyActive",
					Math.max(1, (int) Math.ceil(m.targets().weeklyActiveRate() * m.licensedSeats()) - m.weeklyActiveUsers()),
					pct(m.targets().weeklyActiveRate()), m.onboardingDay());
			default -> Component.Text.of("health.adoption.raise.coreFeatures",
					Math.max(1, (int) Math.ceil(m.targets().coreFeaturesAdopted()) - m.coreFeaturesAdopted()),
					m.coreFeaturesTotal());
		};
		if (score >= 100) {
			raise = Component.Text.of("health.adoption.raise.onTrack");
		}
		return component(Component.Name.ADOPTION, score, inputs,
				Component.Text.of("health.adoption.explanation", pctOrDash(m.activationRate()),
						pct(m.targets().activationRate()), pctOrDash(m.weeklyActiveRate()),
						pct(m.targets().weeklyActiveRate()), m.coreFeaturesAdopted(), m.coreFeaturesTotal(),
						m.onboardingDay()),
				raise);
	}

	private Component engagement(HealthInputs in) {
		var inputs = new LinkedHashMap<String, Object>();
		var parts = new LinkedHashMap<String, Integer>();
		List<HealthInputs.ContactInput> known = in.contacts().stream()
			.filter(c -> KEY_CONTACTS.contains(c.role()) && c.engagement() != Engagement.UNKNOWN).toList();
		if (!known.isEmpty()) {
			int participation = (int) Math.round(known.stream().mapToInt(c -> switch (c.engagement()) {
				case HIGH -> 100;
				case MEDIUM -> 60;
				default -> 20;
			}).average().orElse(0));
			inputs.put("keyContactsRated", known.size());
			inputs.put("lowEngagement", known.stream().filter(c -> c.engagement() == Engagement.LOW).count());
			parts.put("participation", participation);
		}
		LocalDate lastContact = in.contacts().stream().map(HealthInputs.ContactInput::lastContactOn)
			.filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null);
		if (lastContact != null) {
			long days = Math.max(0, ChronoUnit.DAYS.between(lastContact, in.today()));
			inputs.put("daysSinceLastContact", days);
			parts.put("cadence", days <= 7 ? 100 : days <= 14 ? 70 : days <= 30 ? 40 : 10);
		}
		HealthInputs.Homework hw = in.homework();
		if (hw.dueSoFar() > 0) {
			inputs.put("homeworkDue", hw.dueSoFar());
			inputs.put("homeworkDoneOnTime", hw.doneOnTime());
			parts.put("homework", (int) Math.round(100.0 * hw.doneOnTime() / hw.dueSoFar()));
		}
		if (parts.isEmpty()) {
			return noData(Component.Name.ENGAGEMENT, "health.engagement.noData");
		}
		int score = (int) Math.round(parts.values().stream().mapToInt(i -> i).average().orElse(0));
		String weakest = parts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
		Component.Text raise = parts.get(weakest) >= 100 ? Component.Text.of("health.engagement.raise.onTrack")
				: switch (weakest) {
					case "participation" -> Component.Text.of("health.engagement.raise.participation",
							known.stream().filter(c -> c.engagement() != Engagement.HIGH).map(HealthInputs.ContactInput::name)
								.limit(3).reduce((a, b) -> a + ", " + b).orElse("-"));
					case "cadence" -> Component.Text.of("health.engagement.raise.cadence",
							inputs.get("daysSinceLastContact"));
					default -> Component.Text.of("health.engagement.raise.homework", hw.dueSoFar() - hw.doneOnTime());
				};
		return component(Component.Name.ENGAGEMENT, score, inputs,
				// Without a recorded contact the sentence says so instead of "last contact - days ago".
				Component.Text.of(inputs.containsKey("daysSinceLastContact") ? "health.engagement.explanation"
						: "health.engagement.explanation.noContact",
						parts.containsKey("participation") ? parts.get("participation") : "—",
						inputs.getOrDefault("daysSinceLastContact", "—"), hw.doneOnTime(), hw.dueSoFar()),
				raise);
	}

	private Component milestones(HealthInputs in) {
		HealthInputs.Milestones ms = in.milestones();
		if (!in.hasProject() || ms.dueSoFar() == 0) {
			return noData(Component.Name.MILESTONES, "health.milestones.noneDue");
		}
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("dueSoFar", ms.dueSoFar());
		inputs.put("onTime", ms.onTime());
		inputs.put("late", ms.late());
		inputs.put("missedOpen", ms.missedOpen());
		long slip = in.forecastGraduation() == null ? 0 : ChronoUnit.DAYS.between(in.targetGraduation(), in.forecastGraduation());
		inputs.put("graduationSlipDays", slip);
		// A milestone done late still counts half: it happened, but the plan moved.
		int score = (int) Math.round(100.0 * (ms.onTime() + 0.5 * ms.late()) / ms.dueSoFar());
		Component.Text raise = ms.missedOpen() > 0 ? Component.Text.of("health.milestones.raise.missed", ms.missedOpen())
				: ms.nextDue() != null ? Component.Text.of("health.milestones.raise.next", ms.nextDue().toString())
				: Component.Text.of("health.milestones.raise.onTrack");
		return component(Component.Name.MILESTONES, score, inputs,
				Component.Text.of("health.milestones.explanation", ms.onTime(), ms.dueSoFar(), ms.late(), ms.missedOpen()),
				raise);
	}

	private Component value(HealthInputs in) {
		HealthInputs.Value v = in.value();
		if (v.criteria() == 0) {
			return noData(Component.Name.VALUE, "health.value.noCriteria");
		}
		if (v.counted() == 0) {
			return noData(Component.Name.VALUE, "health.value.noData", v.criteria());
		}
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("criteria", v.criteria());
		inputs.put("criteriaMet", v.met());
		inputs.put("criteriaConfirmed", v.confirmed());
		inputs.put("criteriaUnmeasured", v.unmeasured());
		Component.Text raise = v.weakestKpi() != null
				? Component.Text.of("health.value.raise.gap", v.weakestKpi(), v.weakestProgress())
				: v.confirmed() < v.met() ? Component.Text.of("health.value.raise.confirm", v.met() - v.confirmed())
				: v.unmeasured() > 0 ? Component.Text.of("health.value.raise.measure", v.unmeasured())
				: Component.Text.of("health.value.raise.onTrack");
		return component(Component.Name.VALUE, v.averageProgress(), inputs,
				Component.Text.of("health.value.explanation", v.met(), v.criteria(), v.averageProgress(), v.confirmed()),
				raise);
	}

	private Component sentiment(HealthInputs in) {
		List<HealthInputs.ContactInput> known = in.contacts().stream()
			.filter(c -> c.sentiment() != Sentiment.UNKNOWN).toList();
		if (known.isEmpty()) {
			return noData(Component.Name.SENTIMENT, "health.sentiment.noData");
		}
		long positive = known.stream().filter(c -> c.sentiment() == Sentiment.POSITIVE).count();
		long negative = known.stream().filter(c -> c.sentiment() == Sentiment.NEGATIVE).count();
		int score = (int) Math.round(known.stream().mapToInt(c -> switch (c.sentiment()) {
			case POSITIVE -> 100;
			case NEUTRAL -> 60;
			default -> 10;
		}).average().orElse(0));
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("contactsRated", known.size());
		inputs.put("positive", positive);
		inputs.put("negative", negative);
		Component.Text raise = negative > 0 ? Component.Text.of("health.sentiment.raise.negative", negative)
				: score < 100 ? Component.Text.of("health.sentiment.raise.neutral")
				: Component.Text.of("health.sentiment.raise.onTrack");
		return component(Component.Name.SENTIMENT, score, inputs,
				Component.Text.of("health.sentiment.explanation", positive, known.size() - positive - negative, negative),
				raise);
	}

	/**
	 * Support load: tickets in the last 7 days against the seeds' target (under 5 a week by day 60, a
	 * looser allowance before), the technical share of the last 28 days, and the oldest open ticket.
	 */
	private Component support(HealthInputs in) {
		HealthInputs.Support s = in.support();
		if (s == null || !s.connected()) {
			return noData(Component.Name.SUPPORT, "health.support.noData");
		}
		if (!s.hasTickets()) {
			return noData(Component.Name.SUPPORT, "health.support.noTickets");
		}
		SupportLoadProperties p = support;
		long day = in.projectDay();
		int target = day >= 0 && day < p.targetByDay() ? p.earlyWeeklyTarget() : p.weeklyTarget();
		var parts = new LinkedHashMap<String, Integer>();
		// Under the target scores 100; each ticket at or over it takes away a share of the target.
		parts.put("volume", s.lastWeek() < target ? 100
				: Math.max(0, (int) Math.round(100 - 100.0 * (s.lastWeek() - target + 1) / target)));
		Double share = s.last28Days() == 0 ? null : (double) s.technical28Days() / s.last28Days();
		if (share != null) {
			parts.put("technical", share <= p.technicalShareOk() ? 100
					: (int) Math.round(100 * Math.max(0, 1 - (share - p.technicalShareOk()) / (1 - p.technicalShareOk()))));
		}
		if (s.oldestOpenDays() != null) {
			parts.put("openAge", s.oldestOpenDays() <= p.openAgeDays() ? 100
					: Math.max(0, 100 - 5 * (s.oldestOpenDays() - p.openAgeDays())));
		}
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("ticketsLastWeek", s.lastWeek());
		inputs.put("weeklyTarget", target);
		inputs.put("tickets28Days", s.last28Days());
		inputs.put("technical28Days", s.technical28Days());
		inputs.put("open", s.open());
		if (s.oldestOpenDays() != null) inputs.put("oldestOpenDays", s.oldestOpenDays());
		int score = (int) Math.round(parts.values().stream().mapToInt(i -> i).average().orElse(100));
		String weakest = parts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
		Component.Text raise = parts.get(weakest) >= 100 ? Component.Text.of("health.support.raise.onTrack")
				: switch (weakest) {
					case "volume" -> Component.Text.of("health.support.raise.volume", s.lastWeek(), target);
					case "technical" -> Component.Text.of("health.support.raise.technical", pct(share));
					default -> Component.Text.of("health.support.raise.openAge", s.oldestOpenDays());
				};
		return component(Component.Name.SUPPORT, score, inputs,
				Component.Text.of("health.support.explanation", s.lastWeek(), target, p.weeklyTarget(), p.targetByDay(),
						share == null ? "-" : pct(share), s.open(), s.oldestOpenDays() == null ? "-" : s.oldestOpenDays()),
				raise);
	}

	private Component component(Component.Name name, int score, Map<String, Object> inputs, Component.Text explanation,
			Component.Text raise) {
		return new Component(name.key(), props.weight(name), 0, Math.max(0, Math.min(100, score)), 0, inputs,
				explanation, raise);
	}

	private Component noData(Component.Name name, String key, Object... args) {
		return new Component(name.key(), props.weight(name), 0, null, 0, Map.of(), Component.Text.of(key, args),
				Component.Text.of(key + ".raise"));
	}

	// --- leading indicators (HLT-3) ---------------------------------------------------------

	List<Indicator> indicators(HealthInputs in) {
		if (!in.active()) {
			return List.of();
		}
		HealthInputs.Plan p = in.plan();
		AdoptionMetrics m = in.adoption();
		boolean usersActive = m != null && m.weeklyActiveUsers() > 0;
		boolean accessProvisioned = p.accessDone() || (m != null && m.activatedUsers() > 0)
				|| in.earlyWins().contains(EarlyWinKind.FIRST_USER_INVITED);
		var list = new ArrayList<Indicator>();
		list.add(indicator(in, 2, new Check("kickoff", p.hasKickoff(), p.kickoffDone()),
				new Check("access", true, accessProvisioned)));
		list.add(indicator(in, 4, new Check("technicalSetup", p.technicalItems() > 0,
				p.technicalItems() > 0 && 2 * p.technicalDone() >= p.technicalItems())));
		list.add(indicator(in, 6, new Check("trainingScheduled", p.hasTraining(), p.trainingStarted()),
				new Check("uat", p.hasUat(), p.uatStarted())));
		list.add(indicator(in, 8, new Check("goLive", p.hasGoLive(), p.goLiveDone()),
				new Check("usersLoggingIn", in.telemetryConnected(), usersActive)));
		boolean rising = m != null && m.weeklyActiveUsers() > 0 && m.weekOverWeekChange() >= 0;
		boolean earlyResults = p.earlyResultsDone() || in.earlyWins().stream().anyMatch(w -> w != EarlyWinKind.FIRST_LOGIN);
		list.add(indicator(in, 10, new Check("adoptionRising", in.telemetryConnected(), rising),
				new Check("earlyResults", true, earlyResults)));
		return list;
	}

	private record Check(String name, boolean applies, boolean met) {
	}

	/**
	 * How the standard plan's checkpoint days map onto this plan: 1 when its go-live is planned within the
	 * tolerance of the seeds' day-60 go-live (whatever its last item's date), else its go-live ÷ 60; without a
	 * go-live, its length ÷ 90. The plan's last item never stretches the checkpoints.
	 */
	double checkpointScale(HealthInputs in) {
		HealthProperties.Indicators ind = props.indicators();
		Long goLive = in.signals().goLivePlannedDay();
		if (goLive == null || goLive <= 0) {
			return (double) in.planDays() / ind.standardPlanDays();
		}
		if (Math.abs(goLive - ind.standardGoLiveDay()) <= ind.goLiveToleranceDays()) {
			return 1.0;
		}
		return (double) goLive / ind.standardGoLiveDay();
	}

	private Indicator indicator(HealthInputs in, int week, Check... checks) {
		// Checkpoints are weeks of the seeds' standard plan, on its days unless this plan's go-live is elsewhere.
		long day = Math.round(week * 7.0 * checkpointScale(in));
		List<Check> applicable = java.util.Arrays.stream(checks).filter(Check::applies).toList();
		if (applicable.isEmpty()) {
			return new Indicator(week, day, IndicatorStatus.NOT_APPLICABLE, List.of());
		}
		List<String> missing = applicable.stream().filter(c -> !c.met()).map(Check::name).toList();
		if (missing.isEmpty()) {
			return new Indicator(week, day, IndicatorStatus.MET, List.of());
		}
		return new Indicator(week, day, in.projectDay() >= day ? IndicatorStatus.BEHIND : IndicatorStatus.UPCOMING,
				missing);
	}

	// --- red flags (HLT-2) ------------------------------------------------------------------

	/** The red flags raised on the inputs: every named rule of {@link RedFlagRules}, in its order. */
	List<Finding> flags(HealthInputs in, List<Indicator> indicators) {
		return RedFlagRules.evaluate(in, new RedFlagRules.Context(props.flags(), support, feedback, indicators));
	}

	static int pct(double rate) {
		return (int) Math.round(rate * 100);
	}

	private static Object pctOrDash(Double rate) {
		return rate == null ? "-" : pct(rate);
	}

	static double round1(double v) {
		return Math.round(v * 10) / 10.0;
	}

	private static double round3(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
