package com.onward.privacy;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admins' privacy page: the log of erasures, exports, deletions and retention runs. */
@Controller
class PrivacyController {

	private final Privacy privacy;
	private final PrivacyProperties props;

	PrivacyController(Privacy privacy, PrivacyProperties props) {
		this.privacy = privacy;
		this.props = props;
	}

	@GetMapping("/admin/privacy")
	String page(Model model) {
		model.addAttribute("requests", privacy.requests(200));
		model.addAttribute("runs", privacy.retentionRuns(50));
		model.addAttribute("periods", new java.util.TreeMap<>(props.retention()));
		return "privacy/privacy";
	}

	@PostMapping("/admin/privacy/retention-runs")
	String runRetention(RedirectAttributes redirect) {
		redirect.addFlashAttribute("ran", privacy.applyRetention().total());
		return "redirect:/admin/privacy";
	}
}
