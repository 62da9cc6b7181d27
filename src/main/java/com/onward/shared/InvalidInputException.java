package com.onward.shared;

import java.util.List;

/** Bad input found by hand-written validation (CSV rows, dependency keys, ...); answered as 400. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	public record FieldError(String field, String message) {
	}

	private final List<FieldError> errors;

	public InvalidInputException(List<FieldError> errors) {
		super(errors.isEmpty() ? "Invalid input" : errors.getFirst().field() + ": " + errors.getFirst().message());
		this.errors = List.copyOf(errors);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}
}
