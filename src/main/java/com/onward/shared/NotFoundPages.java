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

	/**
	 * Refused before any controller was chosen (wrong method, content type or Accept): a problem
	 * detail under {@code /api}, the error page elsewhere.
	 */
	@ExceptionHandler({ org.springframework.web.HttpRequestMethodNotSupportedException.class,
			org.springframework.web.HttpMediaTypeNotSupportedException.class,
			org.springframework.web.HttpMediaTypeNotAcceptableException.class,
			org.springframework.web.multipart.MultipartException.class })
	Object notRouted(Exception e, HttpServletRequest request) {
		HttpStatus status = e instanceof org.springframework.web.ErrorResponse error
				? HttpStatus.valueOf(error.getStatusCode().value()) : HttpStatus.BAD_REQUEST;
		if (request.getRequestURI().startsWith("/api/")) {
			String detail = switch (e) {
				case org.springframework.web.HttpRequestMethodNotSupportedException m ->
					request.getMethod() + " is not supported here; use " + m.getSupportedHttpMethods();
				case org.springframework.web.HttpMediaTypeNotSupportedException m ->
					"Content type '" + request.getContentType() + "' is not supported here; send one of "
							+ m.getSupportedMediaTypes();
				case org.springframework.web.HttpMediaTypeNotAcceptableException m ->
					"None of the accepted types can be produced; accept one of " + m.getSupportedMediaTypes();
				default -> "The multipart body could not be read";
			};
			var builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
			if (e instanceof org.springframework.web.ErrorResponse error) builder.headers(error.getHeaders());
			return builder.body(ApiProblems.problem(status, status.getReasonPhrase(), detail, List.of()));
		}
		var page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		return page;
	}

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
