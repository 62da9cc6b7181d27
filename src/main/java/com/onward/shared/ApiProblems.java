package com.onward.shared;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;

/**
 * Turns every API error into an RFC 9457 problem detail. Validation problems carry an
 * {@code errors} array of {@code {field, message}} so a client can point at the bad field.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

	public record FieldProblem(String field, String message) {
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
	}

	@ExceptionHandler(BusinessRuleException.class)
	ProblemDetail businessRule(BusinessRuleException e, HttpServletRequest request) {
		String message = localized(e.messageKey(), e.args(), e.getMessage(), request);
		List<FieldProblem> errors = e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), message));
		return coded(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Business rule violated", message, errors), e.messageKey());
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException e, HttpServletRequest request) {
		if (e.messageKey() != null) {
			// The key speaks for the first field; the others keep their own words.
			String first = localized(e.messageKey(), e.args(), e.getMessage(), request);
			var errors = new ArrayList<FieldProblem>();
			for (int i = 0; i < e.errors().size(); i++) {
				var f = e.errors().get(i);
				errors.add(new FieldProblem(f.field(), i == 0 ? first : f.message()));
			}
			String detail = errors.isEmpty() ? first
					: String.join("; ", errors.stream().map(f -> f.field() + ": " + f.message()).toList());
			return coded(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors), e.messageKey());
		}
		String detail = e.errors().isEmpty() ? e.getMessage()
				: String.join("; ", e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail,
				e.errors().stream().map(f -> new FieldProblem(f.field(), f.message())).toList());
	}

	/** The languages the bundles speak; an API client chooses with {@code Accept-Language}. */
	private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.of("id"), Locale.of("ms"));

	/**
	 * The reader's language: the first supported one in {@code Accept-Language}, else the staff member's chosen
	 * language (the UI's cookie, English by default).
	 */
	static Locale readerLocale(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
		if (header != null && !header.isBlank()) {
			try {
				Locale match = Locale.lookup(Locale.LanguageRange.parse(header), LANGUAGES);
				if (match != null) return match;
			}
			catch (IllegalArgumentException malformed) {
				// An unreadable header is no choice: the default below.
			}
		}
		return LocaleContextHolder.getLocale();
	}

	private String localized(@Nullable String key, Object[] args, String fallback, HttpServletRequest request) {
		MessageSource messages = getMessageSource();
		if (key == null || messages == null) return fallback;
		return messages.getMessage(key, args, fallback, readerLocale(request));
	}

	/** The rule's message key, for clients that show their own text. */
	private static ProblemDetail coded(ProblemDetail problem, @Nullable String key) {
		if (key != null) problem.setProperty("code", key);
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		String message = "invalid value '" + e.getValue() + "'";
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getName() + ": " + message,
				List.of(new FieldProblem(e.getName(), message)));
	}

	@ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
	ProblemDetail constraintViolation(jakarta.validation.ConstraintViolationException e) {
		List<FieldProblem> errors = e.getConstraintViolations().stream().map(v -> {
			String path = v.getPropertyPath().toString();
			return new FieldProblem(path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path, v.getMessage());
		}).toList();
		return problem(HttpStatus.BAD_REQUEST, "Invalid request",
				errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"),
				errors);
	}

	/** A form parameter name or value the firewall refuses (read only once a handler asks for it). */
	@ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
	ProblemDetail rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request contains characters that are not allowed",
				List.of());
	}

	/** A form body whose %-encoding cannot be decoded (read only once a handler asks for its parameters). */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ProblemDetail undecodableParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body could not be decoded", List.of());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), List.of());
	}

	@ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(org.springframework.security.access.AccessDeniedException e) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this", List.of()));
	}

	/** An upload endpoint called without a multipart body (e.g. JSON): the client's mistake. */
	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ResponseEntity<ProblemDetail> notMultipart(org.springframework.web.multipart.MultipartException e) {
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request",
				"file: send the file as multipart/form-data", List.of(new FieldProblem("file",
						"send the file as multipart/form-data"))));
	}

	@ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> conflict(org.springframework.dao.DataIntegrityViolationException e) {
		log.warn("Refused a change that conflicts with stored data: {}", e.getMostSpecificCause().getMessage());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Conflict",
				"The change conflicts with data stored meanwhile (a duplicate or a removed reference); reload and try again",
				List.of()));
	}

	/**
	 * Anything else is our fault: a 500 problem detail that names a reference but no internals
	 * (class names, SQL, stack); the details go to the log under the same reference.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request)
			throws Exception {
		var status = org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(e.getClass(),
				org.springframework.web.bind.annotation.ResponseStatus.class);
		if (status != null) {
			HttpStatus code = status.code();
			return ResponseEntity.status(code).body(problem(code, code.getReasonPhrase(), e.getMessage(), List.of()));
		}
		if (e instanceof org.springframework.security.core.AuthenticationException) throw e;
		// The database being away is not a bug: DatabaseUnavailableFilter answers 503 with Retry-After.
		if (DatabaseUnavailableFilter.databaseUnavailable(e)) throw e;
		if (tooLarge(e) != null) {
			return ResponseEntity.status(413).body(problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
					tooLarge(e).getMessage(), List.of()));
		}
		String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
		log.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), e);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"Internal error", "Something went wrong on our side; it was logged with reference " + reference, List.of()));
	}

	private static RequestSizeLimits.TooLarge tooLarge(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof RequestSizeLimits.TooLarge tooLarge) return tooLarge;
		}
		return null;
	}

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = new ArrayList<FieldProblem>();
		ex.getBindingResult().getFieldErrors()
			.forEach(f -> errors.add(new FieldProblem(f.getField(), f.getDefaultMessage())));
		ex.getBindingResult().getGlobalErrors()
			.forEach(g -> errors.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
		String detail = errors.isEmpty() ? "Invalid request"
				: errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse("");
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = new ArrayList<FieldProblem>();
		ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors
			.add(new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
		String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
			.orElse("Invalid request");
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request",
				ex.getParameterName() + ": is required", List.of(new FieldProblem(ex.getParameterName(), "is required"))));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var tooLarge = tooLarge(ex);
		if (tooLarge != null) {
			return ResponseEntity.status(413).body(problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
					tooLarge.getMessage(), List.of()));
		}
		String field = "body";
		String message = "malformed JSON";
		if (ex.getCause() instanceof JacksonException jackson) {
			field = path(jackson);
			message = describe(jackson);
		}
		// Fields found bad before the read had to stop are named too.
		var errors = new ArrayList<FieldProblem>();
		RequestBodyFieldErrors.take().forEach((f, m) -> errors.add(new FieldProblem(f, m)));
		String fatal = field;
		if (errors.stream().noneMatch(f -> f.field().equals(fatal))) errors.add(new FieldProblem(field, message));
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request",
				String.join("; ", errors.stream().map(f -> f.field() + ": " + f.message()).toList()), errors));
	}

	/** What was wrong, in words a person understands (never the parser's type names). */
	public static String describe(JacksonException e) {
		if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) return "is not a known field";
		if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "must be " + expected(mismatch.getTargetType());
		}
		if (e instanceof tools.jackson.core.exc.StreamConstraintsException limit) return describeLimit(limit);
		if (e instanceof tools.jackson.core.exc.StreamReadException) return "is not well-formed JSON";
		return "has an invalid value";
	}

	/** A body over one of the parser's limits (spring.jackson.factory.constraints.read). */
	private static String describeLimit(tools.jackson.core.exc.StreamConstraintsException e) {
		String raw = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
		if (raw.contains("nesting depth")) return "is nested too deeply";
		if (raw.contains("number value length")) return "has a number with too many digits";
		if (raw.contains("string value length")) return "has a text value that is too long";
		if (raw.contains("name length")) return "has a field name that is too long";
		return "is larger than allowed";
	}

	static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
				.reduce((a, b) -> a + ", " + b).orElse("");
		}
		if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class || type == java.time.ZonedDateTime.class) {
			return "a date and time like 2026-03-01T09:00:00Z";
		}
		if (type == java.time.LocalDate.class) return "a date like 2026-03-01";
		if (type == java.time.Duration.class) return "a duration like PT1H";
		if (type == java.util.UUID.class) return "an id (UUID)";
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) return "a number";
		if (type == boolean.class || type == Boolean.class) return "true or false";
		if (type == String.class || type == char.class) return "text";
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
		return "an object";
	}

	private static String path(JacksonException e) {
		var sb = new StringBuilder();
		for (var ref : e.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!sb.isEmpty()) sb.append('.');
				sb.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				sb.append('[').append(ref.getIndex()).append(']');
			}
		}
		return sb.isEmpty() ? "body" : sb.toString();
	}

	/**
	 * A report of a refused import (or any record that explains a 400) as a problem detail: its
	 * components become the problem's properties, so clients keep reading {@code errors}, {@code rows}….
	 */
	public static ResponseEntity<Object> refused(Record report, String detail) {
		ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of());
		for (var component : report.getClass().getRecordComponents()) {
			try {
				component.getAccessor().setAccessible(true);
				pd.setProperty(component.getName(), component.getAccessor().invoke(report));
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}
		return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(pd);
	}

	public static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle(title);
		pd.setType(URI.create("about:blank"));
		if (!errors.isEmpty()) {
			pd.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message",
					e.message() == null ? "invalid" : e.message())).toList());
		}
		return pd;
	}
}
