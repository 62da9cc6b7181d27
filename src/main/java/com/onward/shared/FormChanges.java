package com.onward.shared;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a change from a staff form: a user's mistake (invalid input, a broken business rule)
 * comes back to the page as a flash message instead of an error page; nothing is half-stored
 * because the change runs in its own transaction.
 */
public final class FormChanges {

	private FormChanges() {
	}

	/** Runs {@code change}; on a user's mistake puts its message under {@code errorAttribute}; redirects. */
	public static String attempt(RedirectAttributes redirect, String errorAttribute, String redirectTo, Runnable change) {
		try {
			change.run();
		}
		catch (InvalidInputException | BusinessRuleException e) {
			redirect.addFlashAttribute(errorAttribute, e.getMessage());
		}
		return "redirect:" + redirectTo;
	}
}
