package com.onward.shared;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A path nothing answers: a problem detail under {@code /api}, the error page elsewhere.
 * (No controller handled the request, so {@link ApiProblems} is not consulted.)
 */
@ControllerAdvice
class NotFoundPages {

	@ExceptionHandler(NoResourceFoundException.class)
	Object notFound(NoResourceFoundException e, HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ApiProblems.problem(HttpStatus.NOT_FOUND, "Not found",
						"No API endpoint at " + request.getRequestURI(), List.of()));
		}
		var page = new ModelAndView("error");
		page.setStatus(HttpStatus.NOT_FOUND);
		page.addObject("status", 404);
		return page;
	}
}
