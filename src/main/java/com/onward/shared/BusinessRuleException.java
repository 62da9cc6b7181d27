package com.onward.shared;

/**
 * A well-formed request that breaks a business rule; answered as 422 with the field
 * (if any) that is at fault.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT)
public class BusinessRuleException extends RuntimeException {

	private final String field;
	private final String messageKey;
	private final transient Object[] args;

	public BusinessRuleException(String field, String message) {
		this(field, message, null);
	}

	/**
	 * With a message key (and its arguments) for the staff UI, which shows the rule in the user's
	 * language next to {@code field}; {@code message} stays the API's English detail.
	 */
	public BusinessRuleException(String field, String message, String messageKey, Object... args) {
		super(message);
		this.field = field;
		this.messageKey = messageKey;
		this.args = args == null ? new Object[0] : args.clone();
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.clone();
	}

	public String field() {
		return field;
	}
}
