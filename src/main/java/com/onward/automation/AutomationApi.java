package com.onward.automation;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/automation")
@Tag(name = "Automation")
class AutomationApi {

	record RuleUpdate(boolean enabled, @NotNull @Min(1) @Max(365) Integer days) {
	}

	private final Automation automation;

	AutomationApi(Automation automation) {
		this.automation = automation;
	}

	@PostMapping("/sweeps")
	@Operation(summary = "Run the time-based rules now (admin); the scheduler runs the same sweep")
	Automation.SweepResult sweep() {
		return automation.sweep();
	}

	@GetMapping("/rules")
	List<Automation.Rule> rules() {
		return automation.rules();
	}

	@PutMapping("/rules/{code}")
	@Operation(summary = "Enable or disable a rule and set its day threshold (CS manager, admin)")
	Automation.Rule update(@PathVariable String code, @Valid @RequestBody RuleUpdate body) {
		return automation.update(code, body.enabled(), body.days());
	}

	@GetMapping("/rules/{code}/dry-run")
	@Operation(summary = "Which accounts the rule would fire for now")
	List<Automation.Hit> dryRun(@PathVariable String code) {
		return automation.dryRun(code);
	}
}
