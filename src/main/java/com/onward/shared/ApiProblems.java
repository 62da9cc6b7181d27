package com.onward.shared;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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
	ProblemDetail businessRule(BusinessRuleException e) {
		List<FieldProblem> errors = e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage()));
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Business rule violated", e.getMessage(), errors);
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(),
				e.errors().stream().map(f -> new FieldProblem(f.field(), f.message())).toList());
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

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), List.of());
	}

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
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = "body";
		String message = "malformed JSON";
		if (ex.getCause() instanceof JacksonException jackson) {
			field = path(jackson);
			message = jackson.getOriginalMessage();
			if (message != null && message.length() > 200) {
				message = message.substring(0, 200);
			}
		}
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
					List.of(new FieldProblem(field, message))));
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
