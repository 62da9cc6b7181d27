package com.onward.graduation;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormChanges;
import com.onward.shared.InvalidInputException;

/**
 * The problems log: log a problem, mark it resolved; from the graduation page, or (with {@code from=project})
 * from the project page's hypercare card, which is where the answer goes back to.
 */
@Controller
class ReadinessController {

	private final ProjectIssues issues;

	ReadinessController(ProjectIssues issues) {
		this.issues = issues;
	}

	@PostMapping("/projects/{id}/issues")
	String log(@PathVariable UUID id, @RequestParam ProjectIssues.Kind kind, @RequestParam String title,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate resolveBy,
			@RequestParam(required = false) String from, RedirectAttributes redirect) {
		boolean fromProject = "project".equals(from);
		return FormChanges.attempt(redirect, fromProject ? "planError" : "scoreError",
				fromProject ? "/projects/" + id + "#hypercare" : "/projects/" + id + "/graduation#issues", () -> {
			if (title.isBlank() || title.length() > 300) {
				throw InvalidInputException.keyed("title", "issues.titleInvalid");
			}
			issues.log(id, new ProjectIssues.NewIssue(kind, title, resolveBy));
		});
	}

	@PostMapping("/projects/{id}/issues/{issueId}/resolve")
	String resolve(@PathVariable UUID id, @PathVariable UUID issueId,
			@RequestParam(required = false) String resolution, @RequestParam(required = false) String from,
			RedirectAttributes redirect) {
		boolean fromProject = "project".equals(from);
		return FormChanges.attempt(redirect, fromProject ? "planError" : "scoreError",
				fromProject ? "/projects/" + id + "#hypercare" : "/projects/" + id + "/graduation#issues",
				() -> issues.resolve(id, issueId, resolution == null || resolution.length() <= 2000 ? resolution
						: resolution.substring(0, 2000)));
	}
}
