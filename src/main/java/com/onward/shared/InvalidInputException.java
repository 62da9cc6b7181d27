package com.onward.shared;

import java.util.List;

/** Bad input found by hand-written validation (CSV rows, dependency keys, ...); answered as 400. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	public record FieldError(String field, String message) {
	}

	private final List<FieldError> errors;
	private final String messageKey;
	private final transient Object[] args;

	public InvalidInputException(List<FieldError> errors) {
		this(errors, null);
	}

	/** With a message key (and arguments) the staff UI shows in the user's language next to the first field. */
	public InvalidInputException(List<FieldError> errors, String messageKey, Object... args) {
		super(errors.isEmpty() ? "Invalid input" : errors.getFirst().field() + ": " + errors.getFirst().message());
		this.errors = List.copyOf(errors);
		this.messageKey = messageKey;
		this.args = args == null ? new Object[0] : args.clone();
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.clone();
	}

	/**
	 * Bad input said by its message key and arguments: the API's problem detail (in the language of
	 * {@code Accept-Language}) and the staff UI show it in the reader's language next to {@code field}.
	 */
	public static InvalidInputException keyed(String field, String messageKey, Object... args) {
		return new InvalidInputException(List.of(new FieldError(field,
				messageKey + (args == null || args.length == 0 ? "" : " " + java.util.Arrays.toString(args)))), messageKey,
				args);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}
}
