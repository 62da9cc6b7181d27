package com.onward.survey;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;

import jakarta.servlet.http.HttpServletResponse;

/** The public answer page behind a survey email's link (no sign-in: the private token is the proof). */
@Controller
class SurveyController {

	private final Surveys surveys;

	SurveyController(Surveys surveys) {
		this.surveys = surveys;
	}

	@GetMapping("/survey/{token}")
	String show(@PathVariable String token, Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		var survey = surveys.byToken(token);
		if (survey.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("invalid", true);
			return "survey/survey";
		}
		model.addAttribute("survey", survey.get());
		model.addAttribute("done", survey.get().answeredAt() != null);
		return "survey/survey";
	}

	@PostMapping("/survey/{token}")
	String answer(@PathVariable String token, @RequestParam(required = false) String score,
			@RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		var survey = surveys.byToken(token);
		if (survey.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("invalid", true);
			return "survey/survey";
		}
		try {
			Integer value = score == null || score.isBlank() ? null : Integer.valueOf(score.strip());
			model.addAttribute("survey", surveys.answer(token, value, comment));
			model.addAttribute("done", true);
		}
		catch (NumberFormatException | InvalidInputException | BusinessRuleException e) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("survey", survey.get());
			model.addAttribute("done", survey.get().answeredAt() != null);
			model.addAttribute("error", true);
			model.addAttribute("comment", comment);
		}
		return "survey/survey";
	}
}
