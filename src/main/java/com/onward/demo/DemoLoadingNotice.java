package com.onward.demo;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/** Puts the demo's loading progress into every full staff page and the sign-in page while it loads. */
@ControllerAdvice(annotations = Controller.class)
class DemoLoadingNotice {

	private final DemoLoading loading;

	DemoLoadingNotice(DemoLoading loading) {
		this.loading = loading;
	}

	@ModelAttribute("demoLoading")
	DemoLoading.Progress demoLoading(@RequestHeader(value = "HX-Request", required = false) String hx) {
		// htmx fragments are parts of a page that already shows it.
		return hx == null ? loading.progress() : null;
	}
}
