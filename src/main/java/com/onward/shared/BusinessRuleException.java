package com.onward.shared;

/**
 * A well-formed request that breaks a business rule; answered as 422 with the field
 * (if any) that is at fault.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT)
public class BusinessRuleException extends RuntimeException {

	private final String field;

	public BusinessRuleException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
