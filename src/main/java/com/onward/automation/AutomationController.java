package com.onward.automation;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.identity.AuditLog;
import com.onward.identity.Users;
import com.onward.messaging.Notifications;
import com.onward.messaging.Outbox;
import com.onward.shared.FormChanges;

/** Rules list and editor with the dry run, sequences with their accounts, and the CSM's inbox. */
@Controller
class AutomationController {

	private final Automation automation;
	private final Sequences sequences;
	private final Tasks tasks;
	private final Notifications notifications;
	private final Users users;

	private final Inbox inbox;

	AutomationController(Automation automation, Sequences sequences, Tasks tasks, Notifications notifications, Users users,
			Inbox inbox) {
		this.inbox = inbox;
		this.automation = automation;
		this.sequences = sequences;
		this.tasks = tasks;
		this.notifications = notifications;
		this.users = users;
	}

	@GetMapping("/automation")
	String rules(Model model) {
		model.addAttribute("rules", automation.rules());
		return "automation/rules";
	}

	@GetMapping("/automation/rules/{code}")
	String rule(@PathVariable String code, @RequestParam(defaultValue = "false") boolean dryRun, Model model) {
		model.addAttribute("rule", automation.rule(code));
		model.addAttribute("templates", Outbox.TEMPLATES);
		model.addAttribute("segments", Automation.names(com.onward.shared.Segment.values()));
		model.addAttribute("touchModels", Automation.names(com.onward.shared.TouchModel.values()));
		model.addAttribute("bands", Automation.names(com.onward.health.HealthBand.values()));
		model.addAttribute("languages", com.onward.shared.LocalizedText.LANGUAGES);
		if (dryRun) {
			model.addAttribute("hits", automation.dryRun(code, 200));
		}
		return "automation/rule";
	}

	@PostMapping("/automation/rules/{code}")
	String update(@PathVariable String code, @RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(required = false) Integer days, @RequestParam(required = false) String template,
			@RequestParam(required = false) List<String> segments, @RequestParam(required = false) List<String> touchModels,
			@RequestParam(required = false) List<String> healthBands, @RequestParam(required = false) List<String> languages,
			@RequestParam(required = false) Integer minDay, @RequestParam(required = false) Integer maxDay,
			RedirectAttributes redirect) {
		String result = FormChanges.attempt(redirect, "ruleError", "/automation/rules/" + code, () -> automation.update(code,
				new Automation.RuleEdit(enabled, days, template == null || template.isBlank() ? null : template,
						new Automation.Conditions(segments, touchModels, healthBands, languages, minDay, maxDay))));
		if (!redirect.getFlashAttributes().containsKey("ruleError")) {
			redirect.addFlashAttribute("ruleSaved", true);
		}
		return result;
	}

	@GetMapping("/automation/sequences")
	String sequences(@RequestParam(required = false) String status, Model model) {
		model.addAttribute("definitions", sequences.definitions());
		model.addAttribute("enrolments", sequences.enrolments(null, status == null || status.isBlank() ? null : status, 200));
		model.addAttribute("status", status);
		return "automation/sequences";
	}

	@PostMapping("/automation/enrolments/{id}/stop")
	String stop(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "sequenceError", "/automation/sequences", () -> sequences.stop(id, reason));
	}

	@GetMapping("/inbox")
	String inbox(Model model) {
		var contents = users.find(AuditLog.currentActor()).map(inbox::of)
			.orElse(new Inbox.Contents(List.of(), List.of(), List.of()));
		model.addAttribute("notifications", contents.notifications());
		model.addAttribute("tasks", contents.tasks());
		model.addAttribute("approvals", contents.approvals());
		return "automation/inbox";
	}

	@PostMapping("/inbox/read")
	String read() {
		users.find(AuditLog.currentActor()).ifPresent(u -> notifications.markRead(u.id(), null));
		return "redirect:/inbox";
	}

	@PostMapping("/tasks/{id}/done")
	String done(@PathVariable UUID id, @RequestParam(defaultValue = "/inbox") String back) {
		tasks.complete(id);
		return "redirect:" + (localPath(back) ? back : "/inbox");
	}

	/** A path on this site only: no scheme, no host, no backslash (browsers read "/\\x" as "//x"). */
	static boolean localPath(String back) {
		return back != null && back.startsWith("/") && !back.startsWith("//") && back.indexOf('\\') < 0
				&& back.chars().noneMatch(c -> c < 0x20 || c == 0x7f) && !back.contains(":");
	}
}
