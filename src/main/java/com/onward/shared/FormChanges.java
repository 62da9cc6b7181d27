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
			// In the user's language when the rule has a message key; what was typed goes back to the form.
			FormErrors.Problem problem = FormErrors.describe(e);
			redirect.addFlashAttribute(errorAttribute, problem.message());
			String typed = FormErrors.typed(problem);
			if (typed != null) redirect.addFlashAttribute(FormErrors.ATTRIBUTE, typed);
		}
		return "redirect:" + redirectTo;
	}
}
