package com.onward.survey;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Surveys")
class SurveyApi {

	private final Surveys surveys;

	SurveyApi(Surveys surveys) {
		this.surveys = surveys;
	}

	@GetMapping("/accounts/{id}/surveys")
	@Operation(summary = "The surveys sent to an account and their answers, newest first")
	List<Surveys.Survey> forAccount(@PathVariable UUID id) {
		return surveys.forAccount(id);
	}
}
