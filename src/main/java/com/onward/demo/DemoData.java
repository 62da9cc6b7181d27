package com.onward.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.account.Accounts;
import com.onward.account.Contracts;
import com.onward.account.NewAccount;
import com.onward.account.OnboardingFactors;
import com.onward.account.ProductType;
import com.onward.account.SignContract;
import com.onward.identity.StaffRole;
import com.onward.identity.Users;
import com.onward.onboarding.ItemStatus;
import com.onward.onboarding.ItemUpdate;
import com.onward.onboarding.PlanItem;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.ContactRole;
import com.onward.shared.Currency;
import com.onward.shared.Segment;
import com.onward.team.NewMember;
import com.onward.team.Team;
import com.onward.team.TeamRole;

@Component
@Order(10)
class DemoData implements ApplicationRunner {

	/**
	 * {@code enabled} unset means: only in zero-setup mode (the embedded database). {@code password}
	 * unset means a random one, printed once when the demo users are created.
	 */
	@ConfigurationProperties("onward.demo")
	record DemoProperties(Boolean enabled, int accounts, String password, int pastCustomers) {
		DemoProperties {
			if (password != null && password.isBlank()) password = null;
		}
	}

	/** Whether the demo may load: by default only on the zero-setup embedded database, never on an operator's. */
	static boolean allowed(Boolean enabled, boolean operatorDatabase) {
		return enabled == null ? !operatorDatabase : enabled;
	}

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final String[] PREFIX = { "Nusantara", "Maju", "Sinar", "Harapan", "Cahaya", "Mega", "Prima",
			"Samudra", "Garuda", "Merdeka", "Bintang", "Pelangi", "Kencana", "Rimba", "Teknologi", "Mutiara", "Borneo",
			"Melaka", "Selangor", "Andalas" };
	private static final String[] SUFFIX = { "Logistics", "Retail", "Finance", "Health", "Foods", "Energy", "Telecom",
			"Manufacturing", "Media", "Travel", "Agro", "Property" };
	private static final String[] INDUSTRY = { "logistics", "retail", "financial services", "healthcare", "food & beverage",
			"energy", "telecommunications", "manufacturing", "media", "travel", "agriculture", "real estate" };
	private static final String[] USE_CASE = { "invoice processing", "field service scheduling", "customer support",
			"sales pipeline", "inventory control", "HR onboarding", "expense management" };
	private static final String[] PEOPLE = { "Siti Rahma", "Budi Santoso", "Nur Aisyah", "Ahmad Faizal", "Dewi Lestari",
			"Tan Wei Ming", "Rina Wijaya", "Hafiz Rahman", "Putri Ayu", "Lim Mei Ling", "Agus Pratama", "Farah Nadia" };

	private final DemoProperties props;
	private final org.springframework.core.env.Environment env;
	private final Users users;
	private final Team team;
	private final Accounts accounts;
	private final Contracts contracts;
	private final Projects projects;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final com.onward.usage.Ingestion ingestion;
	private final com.onward.usage.Adoption adoption;
	private final com.onward.stakeholder.Stakeholders stakeholders;
	private final com.onward.health.Health health;
	private final com.onward.graduation.Handoffs handoffs;
	private final com.onward.success.SuccessPlans success;
	private final com.onward.training.Training training;
	private final com.onward.training.Library library;
	private final com.onward.analytics.HistoryImport history;
	private final DemoLoading loading;

	DemoData(DemoLoading loading, DemoProperties props, Users users, Team team, Accounts accounts, Contracts contracts, Projects projects,
			TransactionTemplate tx, Clock clock, com.onward.usage.Ingestion ingestion, com.onward.usage.Adoption adoption,
			com.onward.stakeholder.Stakeholders stakeholders, com.onward.health.Health health,
			com.onward.graduation.Handoffs handoffs, com.onward.success.SuccessPlans success,
			com.onward.training.Training training, com.onward.training.Library library,
			com.onward.analytics.HistoryImport history, org.springframework.core.env.Environment env) {
		this.loading = loading;
		this.history = history;
		this.env = env;
		this.handoffs = handoffs;
		this.success = success;
		this.training = training;
		this.library = library;
		this.ingestion = ingestion;
		this.adoption = adoption;
		this.stakeholders = stakeholders;
		this.health = health;
		this.props = props;
		this.users = users;
		this.team = team;
		this.accounts = accounts;
		this.contracts = contracts;
		this.projects = projects;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean operatorDatabase = !env.getProperty("spring.datasource.url", "").isBlank();
		if (!allowed(props.enabled(), operatorDatabase)) {
			return;
		}
		if (operatorDatabase) {
			log.warn("onward.demo.enabled=true on your own database ({}): the demo users (admin, manager, csm, ...) "
					+ "can sign in. Never run production like this; set onward.demo.enabled=false and disable them.",
					env.getProperty("spring.datasource.url"));
		}
		if (users.any()) {
			return;
		}
		long started = System.nanoTime();
		String password = props.password() != null ? props.password() : randomPassword();
		try {
			staff(password);
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			log.info("Demo data is being loaded by another instance");
			return;
		}
		if (props.password() == null) {
			log.warn("""

					=== Demo users created: sign in as admin (or manager, csm, specialist, trainer, viewer) \
					with the password {} ===
					It is shown only this once. Demo data is for trying Onward out on the embedded database.
					""", password);
		}
		// The accounts, their history and scores take longer than everything else at start-up together, so
		// they load after Onward is ready: the demo users can sign in at once, and every page says the demo
		// is still loading (and how far it got) until it is done.
		loading.started(props.accounts());
		Thread.ofPlatform().name("demo-loader").daemon(true).start(() -> {
			try {
				accountsAndHistory();
				loading.ended();
				log.info("Demo data loaded: {} accounts in {} ms", props.accounts(), (System.nanoTime() - started) / 1_000_000);
			}
			catch (RuntimeException e) {
				// Most likely Onward stopping while the demo loads: what is loaded stays, the rest is not retried.
				loading.ended();
				log.warn("Demo data loading stopped: {}", e.toString());
			}
		});
	}

	private void accountsAndHistory() {
		Random random = new Random(42);
		LocalDate today = LocalDate.now(clock);
		for (int i = 0; i < props.accounts(); i++) {
			int n = i;
			tx.executeWithoutResult(s -> account(n, random, today));
			loading.accountLoaded();
		}
		tx.executeWithoutResult(s -> pastCustomers(new Random(7), today));
		CORE_FEATURES.forEach((key, name) -> adoption.updateFeature(key, name, true));
		tx.executeWithoutResult(s -> contentLibrary());
		// Scores for the last eight weeks (the trend charts), then today's with flags.
		health.backfillHistory(today.minusWeeks(8), today.minusDays(1), 7);
		health.recomputeAll();
	}

	private static String randomPassword() {
		byte[] bytes = new byte[12];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private void staff(String password) {
		tx.executeWithoutResult(s -> {
			users.create("admin", "Ayu Admin", "admin@onward.example", StaffRole.ADMIN, password);
			var manager = users.create("manager", "Maya Manager", "maya@onward.example", StaffRole.CS_MANAGER, password);
			var csm = users.create("csm", "Citra CSM", "citra@onward.example", StaffRole.CSM, password);
			var specialist = users.create("specialist", "Iwan Specialist", "iwan@onward.example",
					StaffRole.IMPLEMENTATION_SPECIALIST, password);
			var trainer = users.create("trainer", "Tari Trainer", "tari@onward.example", StaffRole.TRAINING_LEAD, password);
			users.create("viewer", "Vino Viewer", "vino@onward.example", StaffRole.VIEWER, password);
			// The demo users are these team members: what the automation hands to them reaches their inbox.
			team.linkUser(member("Iwan Setiawan", TeamRole.IMPLEMENTATION_SPECIALIST, Segment.ENTERPRISE).id(), specialist.id());
			member("Aminah Yusof", TeamRole.IMPLEMENTATION_SPECIALIST, Segment.ENTERPRISE);
			member("Rizky Hidayat", TeamRole.IMPLEMENTATION_SPECIALIST, Segment.MID_MARKET);
			member("Lee Chong Wei", TeamRole.IMPLEMENTATION_SPECIALIST, Segment.MID_MARKET);
			member("Sari Utami", TeamRole.IMPLEMENTATION_SPECIALIST, Segment.SMB);
			team.linkUser(member("Citra Kusuma", TeamRole.CSM, Segment.ENTERPRISE).id(), csm.id());
			member("Daniel Tan", TeamRole.CSM, Segment.MID_MARKET);
			member("Nadia Ismail", TeamRole.CSM, Segment.SMB);
			team.linkUser(member("Tari Anggraini", TeamRole.TRAINING_LEAD, null).id(), trainer.id());
			member("Yusuf Halim", TeamRole.TECHNICAL_RESOURCE, null);
			team.linkUser(member("Maya Sari", TeamRole.CS_MANAGER, null).id(), manager.id());
		});
	}

	/**
	 * Two years of past customers (signed 4 to 24 months ago) with go-live, first value and renewal
	 * outcomes, so that the analytics have a history on first start. Faster first value renews more
	 * often and expands more, at about the rates the seeds quote.
	 */
	private void pastCustomers(Random random, LocalDate today) {
		var csms = team.members().stream().filter(m -> m.role() == TeamRole.CSM).toList();
		for (int i = 0; i < props.pastCustomers(); i++) {
			Segment segment = random.nextInt(10) < 5 ? Segment.SMB : random.nextInt(10) < 7 ? Segment.MID_MARKET : Segment.ENTERPRISE;
			int employees = switch (segment) {
				case SMB -> 10 + random.nextInt(80);
				case MID_MARKET -> 100 + random.nextInt(800);
				case ENTERPRISE -> 1000 + random.nextInt(9000);
			};
			long acv = switch (segment) {
				case SMB -> 3_000 + random.nextInt(6) * 1_000L;
				case MID_MARKET -> 12_000 + random.nextInt(30) * 1_000L;
				case ENTERPRISE -> 60_000 + random.nextInt(20) * 5_000L;
			};
			LocalDate signed = today.minusDays(120 + random.nextInt(610));
			// Time to first value by segment; some never get there.
			int base = switch (segment) {
				case SMB -> 8 + random.nextInt(45);
				case MID_MARKET -> 20 + random.nextInt(90);
				case ENTERPRISE -> 35 + random.nextInt(130);
			};
			boolean never = random.nextInt(100) < 9;
			Integer ttv = never ? null : base;
			LocalDate firstValue = ttv == null ? null : signed.plusDays(ttv);
			LocalDate goLive = signed.plusDays(Math.max(5, (ttv == null ? base : ttv) - 5 - random.nextInt(10)));
			if (goLive.isAfter(today)) goLive = null;
			int renewPercent = ttv == null ? 45 : ttv <= 30 ? 95 : ttv <= 90 ? 87 : 75;
			int expandPercent = ttv == null ? 3 : ttv <= 30 ? 35 : ttv <= 90 ? 17 : 7;
			var renewals = new java.util.ArrayList<com.onward.account.Renewals.NewRenewal>();
			long acvNow = acv;
			for (LocalDate due = signed.plusYears(1); !due.isAfter(today); due = due.plusYears(1)) {
				int roll = random.nextInt(100);
				com.onward.account.RenewalOutcome outcome;
				if (roll >= renewPercent) outcome = com.onward.account.RenewalOutcome.CHURNED;
				else if (random.nextInt(100) < expandPercent) outcome = com.onward.account.RenewalOutcome.EXPANDED;
				else if (random.nextInt(100) < 5) outcome = com.onward.account.RenewalOutcome.CONTRACTED;
				else outcome = com.onward.account.RenewalOutcome.RENEWED;
				acvNow = switch (outcome) {
					case EXPANDED -> acvNow * 13 / 10;
					case CONTRACTED -> acvNow * 8 / 10;
					case CHURNED -> 0;
					case RENEWED -> acvNow;
				};
				renewals.add(new com.onward.account.Renewals.NewRenewal(due, outcome, outcome == com.onward.account.RenewalOutcome.CHURNED
						? null : new NewAccount.MoneyInput(BigDecimal.valueOf(acvNow), Currency.USD)));
				if (outcome == com.onward.account.RenewalOutcome.CHURNED) break;
			}
			String name = PREFIX[random.nextInt(PREFIX.length)] + " " + SUFFIX[random.nextInt(SUFFIX.length)] + " "
					+ (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
			var csm = csms.stream().filter(m -> m.segments().isEmpty() || m.segments().contains(segment)).findFirst()
				.orElse(null);
			history.store(new com.onward.analytics.HistoryImport.PastCustomer(
					new NewAccount("past-" + (i + 1), name, INDUSTRY[random.nextInt(INDUSTRY.length)], employees,
							new NewAccount.MoneyInput(BigDecimal.valueOf(acv), Currency.USD), 20 + random.nextInt(200),
							ProductType.values()[random.nextInt(3)], random.nextBoolean(), USE_CASE[random.nextInt(USE_CASE.length)],
							random.nextInt(3) == 0 ? "id" : random.nextInt(2) == 0 ? "ms" : "en", null, null),
					csm == null ? null : csm.id(), signed, goLive, firstValue, renewals), "DEMO");
		}
	}

	private com.onward.team.TeamMember member(String name, TeamRole role, Segment segment) {
		return team.add(new NewMember(name, name.toLowerCase().replace(' ', '.') + "@onward.example", role,
				segment == null ? Set.of() : Set.of(segment), null));
	}

	/** One account with a contract signed between 0 and 130 days ago, progressed realistically. */
	private void account(int i, Random random, LocalDate today) {
		Segment segment = switch (i % 5) {
			case 0 -> Segment.ENTERPRISE;
			case 1, 2 -> Segment.MID_MARKET;
			default -> Segment.SMB;
		};
		int employees = switch (segment) {
			case ENTERPRISE -> 1000 + random.nextInt(9000);
			case MID_MARKET -> 100 + random.nextInt(800);
			case SMB -> 5 + random.nextInt(90);
		};
		long acvUsd = switch (segment) {
			case ENTERPRISE -> 50_000 + random.nextInt(200) * 1000L;
			case MID_MARKET -> 10_000 + random.nextInt(39) * 1000L;
			case SMB -> 1_000 + random.nextInt(9) * 1000L;
		};
		String[] languages = { "en", "id", "ms" };
		String language = languages[i % 3];
		Currency currency = switch (language) {
			case "id" -> Currency.IDR;
			case "ms" -> Currency.MYR;
			default -> Currency.USD;
		};
		BigDecimal acv = switch (currency) {
			case IDR -> BigDecimal.valueOf(acvUsd * 16_500);
			case MYR -> BigDecimal.valueOf(acvUsd * 47 / 10);
			default -> BigDecimal.valueOf(acvUsd);
		};
		String name = PREFIX[i % PREFIX.length] + " " + SUFFIX[(i / PREFIX.length + i) % SUFFIX.length]
				+ (i >= PREFIX.length * SUFFIX.length ? " " + (i + 1) : "");
		int maxAge = switch (segment) {
			case ENTERPRISE -> 130;
			case MID_MARKET -> 70;
			case SMB -> 35;
		};
		int age = random.nextInt(maxAge);
		String contact = PEOPLE[i % PEOPLE.length];
		String domain = name.toLowerCase().replaceAll("[^a-z]", "") + ".example";
		var account = new NewAccount("crm-" + (1000 + i), name, INDUSTRY[i % INDUSTRY.length], employees,
				new NewAccount.MoneyInput(acv, currency), Math.max(5, Math.min(employees / 10, 40)),
				ProductType.values()[i % 3], i % 2 == 0, USE_CASE[i % USE_CASE.length], language, null,
				List.of(new NewAccount.NewContact(contact, contact.toLowerCase().replaceAll("[^a-z]", ".") + "@" + domain,
						null, "Head of Operations", ContactRole.PROJECT_LEAD),
						new NewAccount.NewContact(PEOPLE[(i + 5) % PEOPLE.length], null, null, "COO",
								ContactRole.EXECUTIVE_SPONSOR)));
		var factors = new OnboardingFactors(OnboardingFactors.Level.values()[random.nextInt(3)], random.nextInt(4),
				OnboardingFactors.Level.values()[random.nextInt(3)], random.nextInt(6) == 0, random.nextInt(8) == 0);
		var signed = contracts.sign(new SignContract("opp-" + (5000 + i), today.minusDays(age).atTime(9, 0)
			.toInstant(ZoneOffset.UTC), account, null, null, factors), "demo");
		// Most accounts are on track (everything due is done); about a third are slipping.
		boolean slipping = random.nextInt(3) == 0;
		LocalDate cutoff = today.minusDays(slipping ? 6 + random.nextInt(15) : 1);
		Project project = projects.completeThrough(signed.projectId(), cutoff);
		if (slipping) {
			project.items().stream().filter(it -> !it.status().closed() && it.due().isBefore(today)).findFirst()
				.ifPresent(it -> projects.updateItem(project.id(), it.id(),
						new ItemUpdate(ItemStatus.BLOCKED, null, null, "Waiting for the customer's IT team")));
		}
		else {
			project.items().stream().filter(it -> !it.status().closed()).findFirst().map(PlanItem::id)
				.ifPresent(id -> projects.updateItem(project.id(), id, new ItemUpdate(ItemStatus.IN_PROGRESS, null, null, null)));
		}
		rateContacts(signed.accountId(), slipping, random, today);
		// The sales handoff form arrived on time for all but a few.
		if (i % 12 != 5) {
			handoffs.complete(signed.projectId(), com.onward.graduation.Handoffs.Kind.SALES_TO_CS, "CSM", "Goals, stakeholders and technical notes received");
		}
		successPlan(signed.projectId(), USE_CASE[i % USE_CASE.length], today.minusDays(age), today, slipping, random);
		trainingAttendance(signed.projectId(), today, slipping, random);
		usage(signed.accountId(), Math.max(5, Math.min(employees / 10, 40)), today.minusDays(age), today, slipping, i,
				random);
	}

	/** How the key contacts come across: mostly engaged, less so on slipping projects. */
	private void rateContacts(java.util.UUID accountId, boolean slipping, Random random, LocalDate today) {
		for (var c : stakeholders.contacts(accountId)) {
			var engagement = slipping && random.nextInt(3) == 0 ? com.onward.stakeholder.Engagement.LOW
					: random.nextBoolean() ? com.onward.stakeholder.Engagement.HIGH : com.onward.stakeholder.Engagement.MEDIUM;
			var sentiment = slipping && random.nextInt(4) == 0 ? com.onward.stakeholder.Sentiment.NEGATIVE
					: random.nextInt(3) == 0 ? com.onward.stakeholder.Sentiment.NEUTRAL : com.onward.stakeholder.Sentiment.POSITIVE;
			stakeholders.update(accountId, c.id(), new com.onward.stakeholder.ContactForm(c.name(), c.email(), c.phone(),
					c.title(), c.role(), engagement, sentiment, today.minusDays(random.nextInt(slipping ? 25 : 8))));
		}
	}

	/** Product usage since the start: a few users at first, more each week; slipping accounts use it less. */
	private void usage(java.util.UUID accountId, int seats, LocalDate start, LocalDate today, boolean slipping, int i,
			Random random) {
		if (i % 10 == 7) {
			return; // a few customers have not logged in at all
		}
		// Healthy accounts bring nearly every licensed user in; slipping ones about half.
		int users = Math.max(2, (int) Math.round(seats * (slipping ? 0.5 : 0.9)));
		double activity = slipping ? 0.25 : 0.55;
		var events = new java.util.ArrayList<com.onward.usage.UsageEvent>();
		String[] features = CORE_FEATURES.keySet().toArray(String[]::new);
		for (LocalDate day = start.plusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
			long week = java.time.temporal.ChronoUnit.DAYS.between(start, day) / 7;
			int onboarded = (int) Math.min(users, 2 + week * users / 4);
			for (int u = 0; u < onboarded; u++) {
				if (random.nextDouble() > activity + (u < 2 ? 0.3 : 0)) {
					continue;
				}
				var at = day.atTime(8 + random.nextInt(9), random.nextInt(60)).toInstant(ZoneOffset.UTC);
				String user = "user-" + (u + 1);
				events.add(new com.onward.usage.UsageEvent(accountId, user, com.onward.usage.UsageEventType.LOGIN, null, at));
				int breadth = Math.min(features.length, 2 + (int) week);
				for (int k = 0; k < 1 + random.nextInt(3); k++) {
					events.add(new com.onward.usage.UsageEvent(accountId, user, com.onward.usage.UsageEventType.FEATURE_USED,
							features[random.nextInt(breadth)], at.plusSeconds(60L * (k + 1))));
				}
			}
			if (week == 0 && day.equals(start.plusDays(1))) {
				events.add(new com.onward.usage.UsageEvent(accountId, "user-1", com.onward.usage.UsageEventType.USER_INVITED,
						null, day.atTime(9, 0).toInstant(ZoneOffset.UTC)));
			}
			if (!slipping && day.equals(start.plusDays(5))) {
				events.add(new com.onward.usage.UsageEvent(accountId, "user-1", com.onward.usage.UsageEventType.DATA_IMPORTED,
						null, day.atTime(10, 0).toInstant(ZoneOffset.UTC)));
			}
			if (!slipping && day.equals(start.plusDays(12))) {
				events.add(new com.onward.usage.UsageEvent(accountId, "user-2", com.onward.usage.UsageEventType.WORKFLOW_CREATED,
						null, day.atTime(11, 0).toInstant(ZoneOffset.UTC)));
				events.add(new com.onward.usage.UsageEvent(accountId, "user-1",
						com.onward.usage.UsageEventType.INTEGRATION_CONNECTED, null, day.atTime(15, 0).toInstant(ZoneOffset.UTC)));
			}
			if (day.equals(start.plusDays(20))) {
				events.add(new com.onward.usage.UsageEvent(accountId, "user-1", com.onward.usage.UsageEventType.REPORT_GENERATED,
						null, day.atTime(16, 0).toInstant(ZoneOffset.UTC)));
			}
		}
		ingestion.record(events);
	}

	/** A success criterion from the kickoff, measured over time on older projects. */
	private void successPlan(java.util.UUID projectId, String useCase, LocalDate start, LocalDate today, boolean slipping,
			Random random) {
		var criterion = success.define(projectId, new com.onward.success.SuccessPlans.NewCriterion(useCase,
				"Cycle time (" + useCase + ")", "days", com.onward.success.Criterion.Kind.QUANTITATIVE, new BigDecimal("6"),
				new BigDecimal("3.6"), start.plusDays(60), "Average over 50 cases in the new workflow",
				com.onward.success.Criterion.Source.SALES_HANDOFF));
		long age = java.time.temporal.ChronoUnit.DAYS.between(start, today);
		for (long d = 21; d < age; d += 14) {
			double progress = Math.min(1.1, (slipping ? 0.35 : 0.6) * d / 30.0 + random.nextDouble() * 0.1);
			BigDecimal value = BigDecimal.valueOf(6 - 2.4 * progress).setScale(1, java.math.RoundingMode.HALF_UP);
			success.measure(criterion.id(), new com.onward.success.SuccessPlans.NewMeasurement(start.plusDays(d), value, 50, null));
		}
	}

	/** Attendance for the sessions already due: most attend, slipping accounts less. */
	private void trainingAttendance(java.util.UUID projectId, LocalDate today, boolean slipping, Random random) {
		for (var session : training.sessions(projectId)) {
			if (!session.plannedOn().isBefore(today) || session.optional()) {
				continue;
			}
			var records = new java.util.ArrayList<com.onward.training.Training.AttendanceRecord>();
			for (int a = 1; a <= 6; a++) {
				boolean attended = random.nextDouble() < (slipping ? 0.6 : 0.9);
				boolean completed = attended && random.nextDouble() < 0.9;
				records.add(new com.onward.training.Training.AttendanceRecord("user-" + a, attended, completed,
						completed ? 70 + random.nextInt(31) : null));
			}
			training.recordAttendance(session.id(), records);
		}
	}

	/** A starter content library in the four levels (TRN-3). */
	private void contentLibrary() {
		var L = com.onward.training.Library.Level.class;
		Object[][] items = {
			{ "GETTING_STARTED", "Getting started in 10 minutes", "https://docs.onward.example/start", "getting-started,basics", null, 10 },
			{ "VIDEO", "2-minute getting started video", "https://videos.onward.example/start", "video,basics", null, 2 },
			{ "USE_CASE", "Invoice processing end to end", "https://docs.onward.example/invoices", "invoices,approval", "invoice processing", 15 },
			{ "VIDEO", "5-minute use-case walkthrough: invoices", "https://videos.onward.example/invoices", "video,invoices", "invoice processing", 5 },
			{ "USE_CASE", "Field service scheduling playbook", "https://docs.onward.example/field", "scheduling,field", "field service scheduling", 20 },
			{ "FEATURE_DOC", "Approval flows reference", "https://docs.onward.example/approval-flow", "approval,reference", null, null },
			{ "FEATURE_DOC", "Dashboards and scheduled reports", "https://docs.onward.example/dashboards", "reports,dashboards", null, null },
			{ "VIDEO", "3-minute feature spotlight: mobile app", "https://videos.onward.example/mobile", "video,mobile", null, 3 },
			{ "VIDEO", "30-minute admin deep dive", "https://videos.onward.example/admin", "video,admin", null, 30 },
			{ "VIDEO", "45-minute end-user webinar", "https://videos.onward.example/webinar", "video,end-user", null, 45 } };
		for (Object[] item : items) {
			library.add(new com.onward.training.Library.NewContent(Enum.valueOf(L, (String) item[0]), (String) item[1],
					(String) item[2], List.of(((String) item[3]).split(",")), List.of(), List.of(),
					item[4] == null ? List.of() : List.of((String) item[4]), (Integer) item[5]));
		}
	}

	/** The demo vendor's core features (ADO-2). */
	private static final java.util.Map<String, String> CORE_FEATURES = new java.util.LinkedHashMap<>();
	static {
		for (String f : new String[] { "invoice-capture", "approval-flow", "dashboards", "scheduled-reports", "mobile-app",
				"bulk-import", "user-roles", "integrations-hub", "audit-trail", "alerts" }) {
			CORE_FEATURES.put(f, Character.toUpperCase(f.charAt(0)) + f.substring(1).replace('-', ' '));
		}
	}

}
