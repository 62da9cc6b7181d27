package com.onward.graduation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Account;
import com.onward.account.Accounts;
import com.onward.identity.AuditLog;
import com.onward.onboarding.Project;
import com.onward.onboarding.Projects;
import com.onward.shared.NotFoundException;
import com.onward.success.Criterion;
import com.onward.success.SuccessPlans;
import com.onward.training.Session;
import com.onward.training.Training;
import com.onward.usage.Adoption;

/**
 * The review deck (Apache PDFBox) for the completion review and for quarterly business reviews, in the
 * account's language: baseline vs now for every success criterion, the adoption trend as a chart drawn
 * on the server, training, the value the customer confirmed and the ROI statement. A deck generated for
 * a review is kept as it was sent; one can also be downloaded freshly generated.
 */
@Service
public class ReviewDecks {

	public enum Kind {
		COMPLETION_REVIEW, QBR
	}

	/** A kept deck (the PDF itself is fetched with {@link #pdf}). */
	public record Deck(UUID id, UUID projectId, Kind kind, String language, String generatedBy, Instant generatedAt) {
	}

	private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
	private static final float MARGIN = 50;

	private final JdbcClient jdbc;
	private final Projects projects;
	private final Accounts accounts;
	private final SuccessPlans success;
	private final Training training;
	private final Adoption adoption;
	private final Graduations graduations;
	private final MessageSource messages;
	private final AuditLog audit;
	private final Clock clock;

	ReviewDecks(JdbcClient jdbc, Projects projects, Accounts accounts, SuccessPlans success, Training training,
			Adoption adoption, Graduations graduations, MessageSource messages, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.projects = projects;
		this.accounts = accounts;
		this.success = success;
		this.training = training;
		this.adoption = adoption;
		this.graduations = graduations;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/** Generates the deck and keeps it with the project (attached to its review). */
	@Transactional
	public Deck attach(UUID projectId, Kind kind) {
		Project project = projects.get(projectId);
		Account account = accounts.get(project.accountId());
		byte[] pdf = render(project, account, kind);
		UUID id = UUID.randomUUID();
		Instant at = clock.instant();
		String by = AuditLog.currentActor();
		jdbc.sql("""
				insert into review_deck (id, project_id, account_id, kind, language, pdf, generated_by, generated_at)
				values (:id, :p, :a, :kind, :lang, :pdf, :by, :at)""")
			.param("id", id).param("p", projectId).param("a", account.id()).param("kind", kind.name())
			.param("lang", account.language()).param("pdf", pdf).param("by", by).param("at", Timestamp.from(at)).update();
		audit.record("review-deck.generated", "project", projectId, kind.name());
		return new Deck(id, projectId, kind, account.language(), by, at);
	}

	public List<Deck> forProject(UUID projectId) {
		return jdbc.sql("""
				select id, project_id, kind, language, generated_by, generated_at from review_deck where project_id = :p
				order by generated_at desc""")
			.param("p", projectId)
			.query((rs, n) -> new Deck(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** A kept deck's PDF. */
	public byte[] pdf(UUID projectId, UUID deckId) {
		return jdbc.sql("select pdf from review_deck where id = :id and project_id = :p").param("id", deckId)
			.param("p", projectId).query((rs, n) -> rs.getBytes(1)).optional()
			.orElseThrow(() -> new NotFoundException("Review deck", deckId));
	}

	/** A deck generated now (not kept). */
	public byte[] render(UUID projectId, Kind kind) {
		Project project = projects.get(projectId);
		return render(project, accounts.get(project.accountId()), kind);
	}

	public Optional<Deck> latest(UUID projectId, Kind kind) {
		return forProject(projectId).stream().filter(d -> d.kind() == kind).findFirst();
	}

	byte[] render(Project project, Account account, Kind kind) {
		Locale locale = Locale.forLanguageTag(account.language());
		LocalDate today = LocalDate.now(clock);
		try (PDDocument doc = new PDDocument(); InputStream font = ReviewDecks.class.getResourceAsStream(FONT)) {
			PDFont f = PDType0Font.load(doc, font);
			PDDocumentInformation info = doc.getDocumentInformation();
			String title = text("deck.title." + kind, locale, account.name());
			info.setTitle(title);
			info.setCreationDate(java.util.GregorianCalendar.from(clock.instant().atZone(clock.getZone())));
			Writer w = new Writer(doc, f);
			w.line(title, 16);
			w.line(text("deck.subtitle", locale, date(today, locale), ChronoUnit.DAYS.between(project.startDate(), today),
					project.playbookName().in(locale)), 10);
			w.gap(10);

			// Baseline vs now, per criterion.
			List<Criterion> criteria = success.criteria(project.id());
			w.heading(text("deck.criteria", locale));
			if (criteria.isEmpty()) w.line(text("deck.criteria.none", locale), 10);
			for (Criterion c : criteria) {
				w.line(c.kpi() + " · " + text("deck.status." + c.status(), locale), 11);
				if (c.kind() == Criterion.Kind.QUANTITATIVE) {
					String now = c.latest() == null ? "—" : number(c.latest().value(), locale);
					w.line(text("deck.criterion.values", locale, number(c.baseline(), locale), now,
							number(c.target(), locale), c.unit() == null ? "" : c.unit()), 10);
					w.bar(c.progressPercent() == null ? 0 : c.progressPercent());
				}
				else {
					w.line(text(c.confirmations().isEmpty() ? "deck.criterion.qualitativeOpen" : "deck.criterion.qualitativeConfirmed",
							locale), 10);
				}
			}
			w.gap(8);

			// Adoption trend.
			w.heading(text("deck.adoption", locale));
			List<Adoption.WeekPoint> weeks = adoption.telemetryConnected() ? adoption.weekly(account.id(), today) : List.of();
			if (weeks.isEmpty()) {
				w.line(text("deck.adoption.none", locale), 10);
			}
			else {
				List<Double> active = weeks.stream().map(p -> p.weeklyActiveRate() == null ? 0d : p.weeklyActiveRate()).toList();
				w.chart(active, text("deck.adoption.legend", locale), f);
				Adoption.WeekPoint last = weeks.getLast();
				w.line(text("deck.adoption.latest", locale, percent(last.weeklyActiveRate()), percent(last.activationRate()),
						last.coreFeaturesAdopted()), 10);
			}
			w.gap(8);

			// Training.
			w.heading(text("deck.training", locale));
			List<Session> sessions = training.sessions(project.id());
			long held = sessions.stream().filter(s -> s.status() == Session.Status.DONE).count();
			long trained = sessions.stream().filter(s -> s.status() == Session.Status.DONE)
				.flatMap(s -> s.attendance().stream()).filter(Session.Attendance::completed)
				.map(Session.Attendance::attendee).distinct().count();
			w.line(text("deck.training.summary", locale, held, sessions.size(), trained), 10);
			w.gap(8);

			// Value the customer confirmed.
			w.heading(text("deck.value", locale));
			List<String> confirmed = new ArrayList<>();
			for (Criterion c : criteria) {
				for (Criterion.Confirmation conf : c.confirmations()) {
					confirmed.add(text("deck.value.confirmation", locale, c.kpi(), conf.confirmedBy(), conf.quote()));
				}
			}
			if (confirmed.isEmpty()) w.line(text("deck.value.none", locale), 10);
			confirmed.forEach(line -> w.line("• " + line, 10));
			w.gap(8);

			// ROI statement.
			w.heading(text("deck.roi", locale));
			long met = criteria.stream().filter(Criterion::reached).count();
			long withConfirmation = criteria.stream().filter(c -> !c.confirmations().isEmpty()).count();
			w.line(text("deck.roi.statement", locale, account.name(), met, criteria.size(), withConfirmation), 10);
			w.line(roi(account, criteria, locale), 10);
			for (String a : graduations.achievements(project, account, locale, today)) {
				w.line("• " + a, 10);
			}
			w.close();
			var out = new ByteArrayOutputStream();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The ROI figure: the value measured in money a year (the improvement from baseline towards target of every
	 * measured criterion whose unit is the contract's currency) against the contract value a year, through the
	 * same formula as the planning ROI calculator. Without such a criterion the deck says so, never a guess.
	 */
	private String roi(Account account, List<Criterion> criteria, Locale locale) {
		if (account.acv() == null || account.acv().amount().signum() == 0) return text("deck.roi.noContractValue", locale);
		com.onward.shared.Currency currency = account.acv().currency();
		List<Criterion> inMoney = criteria.stream()
			.filter(c -> c.kind() == Criterion.Kind.QUANTITATIVE && c.latest() != null && isCurrency(c.unit(), currency, locale))
			.toList();
		if (inMoney.isEmpty()) return text("deck.roi.noMoney", locale, currency.name());
		BigDecimal benefit = BigDecimal.ZERO;
		for (Criterion c : inMoney) {
			// Towards the target is value: savings count when a cost falls, revenue when it rises.
			BigDecimal change = c.latest().value().subtract(c.baseline());
			benefit = benefit.add(c.target().compareTo(c.baseline()) < 0 ? change.negate() : change);
		}
		com.onward.shared.ReturnOnInvestment r = com.onward.shared.ReturnOnInvestment.of(benefit, account.acv().amount());
		return text("deck.roi.figure", locale, number(benefit, locale) + " " + currency.name(), inMoney.size(),
				number(account.acv().amount(), locale) + " " + currency.name(), number(r.percent(), locale),
				number(r.grossRatio(), locale));
	}

	/** A unit naming the currency: its code (USD) or its symbol ($, Rp, RM, €). */
	private static boolean isCurrency(String unit, com.onward.shared.Currency currency, Locale locale) {
		if (unit == null || unit.isBlank()) return false;
		String u = unit.strip();
		java.util.Currency c = java.util.Currency.getInstance(currency.name());
		return u.equalsIgnoreCase(c.getCurrencyCode()) || u.equals(c.getSymbol(locale)) || u.equals(c.getSymbol(Locale.US))
				|| u.equals(c.getSymbol(Locale.forLanguageTag("id-ID"))) || u.equals(c.getSymbol(Locale.forLanguageTag("ms-MY")));
	}

	private String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static String date(LocalDate d, Locale locale) {
		return d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
	}

	private static String number(BigDecimal n, Locale locale) {
		var format = java.text.NumberFormat.getNumberInstance(locale);
		format.setMaximumFractionDigits(2);
		return format.format(n);
	}

	private static String percent(Double rate) {
		return rate == null ? "—" : Math.round(rate * 100) + " %";
	}

	/** Writes lines top to bottom, wrapping long text and starting a new page when one is full. */
	private static final class Writer {

		private final PDDocument doc;
		private final PDFont font;
		private PDPageContentStream out;
		private float y;

		Writer(PDDocument doc, PDFont font) throws IOException {
			this.doc = doc;
			this.font = font;
			newPage();
		}

		private void newPage() throws IOException {
			if (out != null) out.close();
			PDPage page = new PDPage(PDRectangle.A4);
			doc.addPage(page);
			out = new PDPageContentStream(doc, page);
			y = page.getMediaBox().getHeight() - MARGIN;
		}

		private void room(float height) throws IOException {
			if (y - height < MARGIN) newPage();
		}

		void gap(float h) {
			y -= h;
		}

		void heading(String text) throws IOException {
			gap(4);
			line(text, 14);
		}

		void line(String text, float size) {
			try {
				float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
				for (String raw : text.split("\n")) {
					for (String part : wrap(printable(raw), size, width)) {
						room(size * 1.4f);
						out.beginText();
						out.setFont(font, size);
						out.newLineAtOffset(MARGIN, y - size);
						out.showText(part);
						out.endText();
						y -= size * 1.4f;
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		/** A progress bar, 0–100 %. */
		void bar(int percent) throws IOException {
			room(12);
			float width = 200;
			out.setNonStrokingColor(0.85f, 0.87f, 0.9f);
			out.addRect(MARGIN, y - 8, width, 6);
			out.fill();
			out.setNonStrokingColor(0.12f, 0.62f, 0.42f);
			out.addRect(MARGIN, y - 8, width * Math.max(0, Math.min(100, percent)) / 100f, 6);
			out.fill();
			out.setNonStrokingColor(0f, 0f, 0f);
			y -= 14;
		}

		/** A line chart of rates (0–1) over the weeks, with its axis and legend. */
		void chart(List<Double> values, String legend, PDFont f) throws IOException {
			float h = 110, w = 400;
			room(h + 24);
			float x0 = MARGIN, y0 = y - h;
			out.setStrokingColor(0.6f, 0.6f, 0.6f);
			out.moveTo(x0, y0);
			out.lineTo(x0 + w, y0);
			out.moveTo(x0, y0);
			out.lineTo(x0, y0 + h);
			out.stroke();
			out.setStrokingColor(0.21f, 0.32f, 0.84f);
			out.setLineWidth(1.5f);
			for (int i = 0; i < values.size(); i++) {
				float x = x0 + (values.size() == 1 ? 0 : w * i / (values.size() - 1));
				float yy = y0 + (float) (h * Math.max(0, Math.min(1, values.get(i))));
				if (i == 0) out.moveTo(x, yy);
				else out.lineTo(x, yy);
			}
			out.stroke();
			out.setLineWidth(1);
			out.setStrokingColor(0f, 0f, 0f);
			y = y0 - 4;
			line(legend, 9);
		}

		void close() throws IOException {
			out.close();
		}

		/** Characters the font cannot show become '?', so no customer's text breaks the deck. */
		private String printable(String s) {
			var b = new StringBuilder();
			s.codePoints().forEach(cp -> {
				String ch = new String(Character.toChars(cp));
				try {
					font.encode(ch);
					b.append(ch);
				}
				catch (IOException | IllegalArgumentException e) {
					b.append('?');
				}
			});
			return b.toString();
		}

		private List<String> wrap(String text, float size, float width) throws IOException {
			var lines = new ArrayList<String>();
			var current = new StringBuilder();
			for (String word : text.split(" ")) {
				String candidate = current.isEmpty() ? word : current + " " + word;
				if (font.getStringWidth(candidate) / 1000 * size > width && !current.isEmpty()) {
					lines.add(current.toString());
					current = new StringBuilder(word);
				}
				else {
					current = new StringBuilder(candidate);
				}
			}
			lines.add(current.toString());
			return lines;
		}
	}
}
