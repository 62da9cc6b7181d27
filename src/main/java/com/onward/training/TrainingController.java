package com.onward.training;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.account.Accounts;
import com.onward.onboarding.Projects;
import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;

/** Staff pages: a project's training plan and attendance, the content library. */
@Controller
class TrainingController {

	private final Training training;
	private final Library library;
	private final Projects projects;
	private final Accounts accounts;
	private final TrainingProperties props;

	TrainingController(Training training, Library library, Projects projects, Accounts accounts, TrainingProperties props) {
		this.props = props;
		this.training = training;
		this.library = library;
		this.projects = projects;
		this.accounts = accounts;
	}

	@GetMapping("/projects/{id}/training")
	String plan(@PathVariable UUID id, Model model) {
		var project = projects.get(id);
		model.addAttribute("project", project);
		model.addAttribute("account", accounts.get(project.accountId()));
		var sessions = training.sessions(id);
		model.addAttribute("sessions", sessions);
		model.addAttribute("stats", training.stats(sessions));
		model.addAttribute("attendanceWarnBelow", props.attendanceFlagBelow());
		model.addAttribute("statuses", Session.Status.values());
		model.addAttribute("recommended", library.recommended(project.accountId(), null));
		model.addAttribute("enablement", library.enablement(project.accountId()).orElse(null));
		return "training/training";
	}

	@PostMapping("/training-sessions/{id}")
	String update(@PathVariable UUID id, @RequestParam UUID projectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedOn,
			@RequestParam Session.Status status) {
		training.updateSession(id, new Training.SessionUpdate(plannedOn, status));
		return "redirect:/projects/" + projectId + "/training";
	}

	@PostMapping("/training-sessions/{id}/attendance")
	String attendance(@PathVariable UUID id, @RequestParam UUID projectId, @RequestParam String attendee,
			@RequestParam(defaultValue = "false") boolean attended, @RequestParam(defaultValue = "false") boolean completed,
			@RequestParam(required = false) Integer assessmentScore, RedirectAttributes redirect) {
		if (attendee.isBlank() || (assessmentScore != null && (assessmentScore < 0 || assessmentScore > 100))) {
			redirect.addFlashAttribute("trainingError", "attendee / assessmentScore (0–100)");
			return "redirect:/projects/" + projectId + "/training";
		}
		try {
			training.recordAttendance(id, List.of(new Training.AttendanceRecord(attendee, attended, completed, assessmentScore)));
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("trainingError", FormErrors.describe(e).message());
		}
		return "redirect:/projects/" + projectId + "/training";
	}

	@PostMapping("/accounts/{id}/enablement")
	String enablement(@PathVariable UUID id, @RequestParam UUID projectId, @RequestParam int level,
			@RequestParam(required = false) String note) {
		if (level >= 1 && level <= 4) {
			library.setEnablement(id, new Library.EnablementUpdate(level, note));
		}
		return "redirect:/projects/" + projectId + "/training";
	}

	@GetMapping("/content")
	String content(@RequestParam(required = false) String q, @RequestParam(required = false) Library.Level level,
			@RequestParam(required = false) String tag, Model model) {
		model.addAttribute("items", library.search(q, level, tag, 100));
		model.addAttribute("q", q);
		model.addAttribute("level", level);
		model.addAttribute("levels", Library.Level.values());
		return "training/content";
	}

	@PostMapping("/content")
	String add(@RequestParam Library.Level level, @RequestParam String title, @RequestParam String url,
			@RequestParam(required = false) String tags, @RequestParam(required = false) String useCases,
			@RequestParam(required = false) Integer durationMinutes,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		if (title.isBlank() || url.isBlank()) return "redirect:/content";
		return com.onward.shared.FormChanges.attempt(redirect, "contentError", "/content",
				() -> library.add(new Library.NewContent(level, title, url, split(tags), List.of(), List.of(),
						split(useCases), durationMinutes != null && durationMinutes > 0 ? durationMinutes : null)));
	}

	private static List<String> split(String csv) {
		return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
