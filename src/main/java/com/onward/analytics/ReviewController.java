package com.onward.analytics;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.shared.InvalidInputException;

/** The monthly review page and its API: this month against the last, fast vs slow quartiles, notes. */
@Controller
class ReviewController {

	record Review(Reviews.Month month, Reviews.Month previous, List<Reviews.Quartile> fastVsSlow, List<Reviews.Note> notes,
			List<Reviews.Factor> fastVsSlowFactors) {
	}

	private final Reviews reviews;
	private final TimeToValue ttv;
	private final Clock clock;

	ReviewController(Reviews reviews, TimeToValue ttv, Clock clock) {
		this.reviews = reviews;
		this.ttv = ttv;
		this.clock = clock;
	}

	static YearMonth month(String value, Clock clock) {
		if (value == null || value.isBlank()) return YearMonth.now(clock);
		try {
			return YearMonth.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw InvalidInputException.of("month", "must be a month like 2026-03");
		}
	}

	private YearMonth month(String value) {
		return month(value, clock);
	}

	static Review review(Reviews reviews, YearMonth m) {
		return new Review(reviews.month(m), reviews.month(m.minusMonths(1)), reviews.fastVsSlow(), reviews.notes(m),
				reviews.fastVsSlowFactors());
	}

	@GetMapping("/analytics/review")
	String page(@RequestParam(required = false) String month, Model model) {
		YearMonth m;
		try {
			m = month(month);
		}
		catch (InvalidInputException e) {
			m = YearMonth.now(clock);
		}
		model.addAttribute("review", review(reviews, m));
		model.addAttribute("monthValue", m.toString());
		model.addAttribute("cohorts", ttv.report(TimeToValue.Metric.FIRST_VALUE, TimeToValue.GroupBy.COHORT,
				m.minusMonths(11).atDay(1), m.atEndOfMonth()));
		return "analytics/review";
	}

	@PostMapping("/analytics/review/notes")
	String note(@RequestParam String month, @RequestParam(required = false) String note,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		YearMonth m = month(month);
		try {
			reviews.addNote(m, note);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("noteError", e.getMessage());
		}
		return "redirect:/analytics/review?month=" + m;
	}
}
