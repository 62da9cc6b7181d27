package com.onward.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.InvalidInputException;
import com.onward.shared.PageResult;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Messages")
class MessagingApi {

	record Preview(String template, String language, String subject, String body) {
	}

	record WeeklyDigest(@jakarta.validation.constraints.NotNull Boolean weeklyDigest) {
	}

	private final Outbox outbox;
	private final Delivery delivery;
	private final Discipline discipline;

	MessagingApi(Outbox outbox, Delivery delivery, Discipline discipline) {
		this.outbox = outbox;
		this.delivery = delivery;
		this.discipline = discipline;
	}

	@GetMapping("/delivery-policy")
	@Operation(summary = "How automated customer email is paced: daily cap per contact, sending hours, digest day")
	DeliveryPolicy policy() {
		return discipline.policy();
	}

	@PutMapping("/delivery-policy")
	@Operation(summary = "Change the pacing of automated customer email (admin); parts left out keep the configured defaults")
	DeliveryPolicy updatePolicy(@RequestBody DeliveryPolicy body) {
		return discipline.update(body);
	}

	@DeleteMapping("/delivery-policy")
	@Operation(summary = "Back to the configured pacing (admin)")
	DeliveryPolicy resetPolicy() {
		return discipline.reset();
	}

	@GetMapping("/accounts/{accountId}/contacts/{contactId}/email-preference")
	@Operation(summary = "A contact's email preference: one weekly digest instead of single nudges and summaries")
	Discipline.EmailPreference preference(@PathVariable UUID accountId, @PathVariable UUID contactId) {
		return discipline.preference(accountId, contactId);
	}

	@PutMapping("/accounts/{accountId}/contacts/{contactId}/email-preference")
	@Operation(summary = "Set whether a contact gets one weekly digest instead of single nudges and summaries")
	Discipline.EmailPreference setPreference(@PathVariable UUID accountId, @PathVariable UUID contactId,
			@jakarta.validation.Valid @RequestBody WeeklyDigest body) {
		return discipline.setWeeklyDigest(accountId, contactId, body.weeklyDigest());
	}

	@GetMapping("/messages")
	@Operation(summary = "The outbox: messages with their status (PENDING, SENT, FAILED), newest first; filtered by "
			+ "account, template, status and the day queued (from, to: inclusive ISO dates)")
	PageResult<Message> messages(@RequestParam(required = false) UUID accountId,
			@RequestParam(required = false) Message.Status status, @RequestParam(required = false) String template,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate from,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
			org.springframework.security.core.Authentication auth) {
		if (from != null && to != null && to.isBefore(from)) {
			throw InvalidInputException.of("to", "must not be before from");
		}
		if (template != null && template.length() > 100) {
			throw InvalidInputException.of("template", "must be at most 100 characters");
		}
		var result = outbox.page(new Outbox.Query(accountId, null, template, status, from, to), page, size);
		return isAdmin(auth) ? result : result.map(Message::masked);
	}

	/** One message with its headers (as sent or as they will be sent). */
	record MessageDetail(Message message, String accountName, String audience, String messageId,
			java.time.Instant nextAttemptAt, Map<String, String> headers) {
		static MessageDetail of(Outbox.Detail d) {
			return new MessageDetail(d.message(), d.accountName(), d.audience(), d.messageId(), d.nextAttemptAt(),
					d.headers());
		}
	}

	@GetMapping("/messages/{id}")
	@Operation(summary = "One outbox message: subject, body in the recipient's language, headers, attempts and last error")
	MessageDetail message(@PathVariable UUID id, org.springframework.security.core.Authentication auth) {
		Outbox.Detail d = outbox.detail(id).orElseThrow(() -> new com.onward.shared.NotFoundException("Message", id));
		return MessageDetail.of(isAdmin(auth) ? d : d.masked());
	}

	@PostMapping("/messages/{id}/resend")
	@Operation(summary = "Queue a FAILED message again (422 for any other status or an unsubscribed recipient)")
	Message resend(@PathVariable UUID id, org.springframework.security.core.Authentication auth) {
		Message m = outbox.resend(id);
		return isAdmin(auth) ? m : m.masked();
	}

	static boolean isAdmin(org.springframework.security.core.Authentication auth) {
		return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
	}

	@GetMapping("/message-templates/{template}/preview")
	@Operation(summary = "A template rendered for a real account (in its language unless one is given) or with sample values")
	Preview preview(@PathVariable String template, @RequestParam(required = false) String language,
			@RequestParam(required = false) UUID accountId) {
		if (!Outbox.TEMPLATES.contains(template)) {
			throw InvalidInputException.of("template", "unknown template; one of " + Outbox.TEMPLATES);
		}
		if (language != null && !com.onward.shared.LocalizedText.LANGUAGES.contains(language)) {
			throw InvalidInputException.of("language", "must be en, id or ms");
		}
		String[] r = outbox.preview(template, language, accountId);
		return new Preview(template, r[2], r[0], r[1]);
	}

	@PostMapping("/messages/delivery")
	@Operation(summary = "Deliver due messages now (admin)")
	Delivery.Round deliver() {
		return delivery.deliverDue();
	}
}
