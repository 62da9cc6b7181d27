package com.onward.graduation;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormChanges;
import com.onward.shared.InvalidInputException;

/**
 * The tech-touch review list in the staff UI: the projects whose customer said yes to the goal survey, by
 * status; a listed one is approved (it graduates, under the same rules and roles as the API) or dismissed.
 */
@Controller
class ReadyToCompleteController {

	private final ReadyToComplete ready;
	private final GraduationGuard guard;
	private final java.time.Clock clock;

	ReadyToCompleteController(ReadyToComplete ready, GraduationGuard guard,
			java.time.Clock clock) {
		this.ready = ready;
		this.guard = guard;
		this.clock = clock;
	}

	@GetMapping("/ready-to-complete")
	String page(@RequestParam(defaultValue = "LISTED") ReadyToComplete.Status status, Model model) {
		model.addAttribute("status", status);
		model.addAttribute("statuses", ReadyToComplete.Status.values());
		List<ReadyToComplete.Candidate> candidates = ready.list(status);
		model.addAttribute("candidates", candidates);
		// A listed project before its segment's window needs a CS manager and a reason, as on the graduation page.
		var early = new java.util.HashMap<UUID, GraduationGuard.Early>();
		if (status == ReadyToComplete.Status.LISTED) {
			java.time.LocalDate today = java.time.LocalDate.now(clock);
			candidates.forEach(c -> guard.early(c.targetGraduationDate(), today).ifPresent(e -> early.put(c.projectId(), e)));
		}
		model.addAttribute("early", early);
		model.addAttribute("managers", early.isEmpty() ? List.of() : guard.managers());
		return "graduation/ready-to-complete";
	}

	@PostMapping("/projects/{id}/ready-to-complete/approve")
	String approve(@PathVariable UUID id, @RequestParam(required = false) String ongoingCsm,
			@RequestParam(required = false) String approvedBy, @RequestParam(required = false) String earlyReason,
			RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "readyError", "/ready-to-complete", () -> {
			longest("ongoingCsm", ongoingCsm, 200);
			longest("approvedBy", approvedBy, 200);
			longest("earlyReason", earlyReason, 2000);
			ready.approve(id, new ReadyToComplete.Approval(ongoingCsm, approvedBy, earlyReason));
			redirect.addFlashAttribute("readyDone", "approved");
		});
	}

	@PostMapping("/projects/{id}/ready-to-complete/dismiss")
	String dismiss(@PathVariable UUID id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		return FormChanges.attempt(redirect, "readyError", "/ready-to-complete", () -> {
			longest("note", note, 2000);
			ready.dismiss(id, new ReadyToComplete.Dismissal(note));
			redirect.addFlashAttribute("readyDone", "dismissed");
		});
	}

	private static void longest(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw InvalidInputException.keyed(field, "readyToComplete.tooLong", max);
		}
	}
}
