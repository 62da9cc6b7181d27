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

	/**
	 * A broken rule said by its message key and arguments only: the API's problem detail (in the language of
	 * {@code Accept-Language}) and the staff UI (next to {@code field}) show it in the reader's language. The
	 * exception's own message is the key and arguments, for the log.
	 */
	public static BusinessRuleException of(String field, String messageKey, Object... args) {
		return new BusinessRuleException(field,
				messageKey + (args == null || args.length == 0 ? "" : " " + java.util.Arrays.toString(args)), messageKey, args);
	}

	/**
	 * An argument shown by its label in the reader's language: the message {@code prefix + value}
	 * (e.g. {@code projectStatus.ON_HOLD}), else the value's name.
	 */
	public static org.springframework.context.MessageSourceResolvable label(String prefix, Enum<?> value) {
		return new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] { prefix + value.name() },
				value.name());
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
