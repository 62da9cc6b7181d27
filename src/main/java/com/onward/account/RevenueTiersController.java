package com.onward.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The revenue-share tiers beside the rule-based segments: a page and {@code GET /api/v1/segments/revenue-share}. */
@Controller
@Tag(name = "Accounts")
class RevenueTiersController {

	private final RevenueTiers tiers;
	private final SegmentationProperties segmentation;

	RevenueTiersController(RevenueTiers tiers, SegmentationProperties segmentation) {
		this.tiers = tiers;
		this.segmentation = segmentation;
	}

	@GetMapping("/api/v1/segments/revenue-share")
	@ResponseBody
	@Operation(summary = "Revenue-share tiers (top 20 % of revenue = Tier 1, next 40 % Tier 2, rest Tier 3) beside the rule-based segments")
	RevenueTiers.View api() {
		return tiers.view();
	}

	@GetMapping("/segments")
	String page(Model model) {
		model.addAttribute("view", tiers.view());
		model.addAttribute("rules", segmentation);
		return "account/revenue-tiers";
	}
}
