package com.onward.automation;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.identity.AuditLog;
import com.onward.identity.Users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Automation")
class AutomationApi {

	record Stop(String reason) {
	}

	private final Automation automation;
	private final Sequences sequences;
	private final Tasks tasks;
	private final Users users;

	AutomationApi(Automation automation, Sequences sequences, Tasks tasks, Users users) {
		this.automation = automation;
		this.sequences = sequences;
		this.tasks = tasks;
		this.users = users;
	}

	@PostMapping("/automation/sweeps")
	@Operation(summary = "Run the time-based rules now (admin); the scheduler runs the same sweep")
	Automation.SweepResult sweep() {
		return automation.sweep();
	}

	@GetMapping("/automation/rules")
	List<Automation.Rule> rules() {
		return automation.rules();
	}

	@GetMapping("/automation/rules/{code}")
	Automation.Rule rule(@PathVariable String code) {
		return automation.rule(code);
	}

	@PutMapping("/automation/rules/{code}")
	@Operation(summary = "Edit a rule: enabled, days threshold, template, conditions (CS manager, admin)")
	Automation.Rule update(@PathVariable String code, @RequestBody Automation.RuleEdit body) {
		return automation.update(code, body == null ? new Automation.RuleEdit(null, null, null, null) : body);
	}

	@GetMapping("/automation/rules/{code}/dry-run")
	@Operation(summary = "Which accounts the rule would fire for now (nothing is sent)")
	List<Automation.Hit> dryRun(@PathVariable String code,
			@RequestParam(defaultValue = "200") @Min(1) @Max(10000) int limit) {
		return automation.dryRun(code, limit);
	}

	@GetMapping("/automation/sequences")
	List<Sequences.Definition> sequences() {
		return sequences.definitions();
	}

	@GetMapping("/automation/enrolments")
	@Operation(summary = "Accounts' places in sequences (status ACTIVE, COMPLETED, STOPPED)")
	List<Sequences.Enrolment> enrolments(@RequestParam(required = false) UUID accountId,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
		return sequences.enrolments(accountId, status, limit);
	}

	@PostMapping("/automation/enrolments/{id}/stop")
	@Operation(summary = "Stop a sequence for an account: the customer replied (REPLIED) or by hand (MANUAL)")
	void stop(@PathVariable UUID id, @RequestBody Stop body) {
		sequences.stop(id, body == null ? null : body.reason());
	}

	@GetMapping("/tasks")
	@Operation(summary = "Tasks for humans (AUTO-6): mine by default, or an account's")
	List<Tasks.Task> tasks(@RequestParam(required = false) UUID accountId,
			@RequestParam(defaultValue = "true") boolean open) {
		if (accountId != null) return tasks.forAccount(accountId, open, 500);
		return users.find(AuditLog.currentActor()).map(u -> tasks.mine(u, open, 500)).orElse(List.of());
	}

	@PostMapping("/tasks/{id}/done")
	Tasks.Task done(@PathVariable UUID id) {
		return tasks.complete(id);
	}
}
