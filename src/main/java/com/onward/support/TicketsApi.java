package com.onward.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.onward.shared.ApiProblems;
import com.onward.shared.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Support tickets")
class TicketsApi {

	record ZendeskSecret(@NotBlank @Size(max = 200) String signingSecret) {
	}

	record FreshdeskSecret(String secret) {
	}

	/** Onward's field names as each help desk's payload names them, so a problem points at the sender's field. */
	private static final Map<String, String> ZENDESK_FIELDS = Map.of("externalId", "id", "accountId", "onward_account",
			"accountExternalId", "organization_external_id", "requesterEmail", "requester_email", "createdAt",
			"created_at", "updatedAt", "updated_at", "solvedAt", "solved_at");

	private static final Map<String, String> FRESHDESK_FIELDS = Map.of("externalId", "ticket_id", "accountId",
			"onward_account", "accountExternalId", "ticket_company_external_id", "requesterEmail", "ticket_contact_email",
			"subject", "ticket_subject", "status", "ticket_status", "priority", "ticket_priority", "category",
			"ticket_category", "createdAt", "ticket_created_at", "updatedAt", "ticket_updated_at");

	private final Tickets tickets;
	private final TicketSources sources;
	private final ObjectMapper json;

	TicketsApi(Tickets tickets, TicketSources sources, ObjectMapper json) {
		this.tickets = tickets;
		this.sources = sources;
		this.json = json;
	}

	@PostMapping("/tickets")
	@Operation(summary = "Post a batch of up to 1,000 help-desk tickets; all or nothing, idempotent on externalId, a later updatedAt wins")
	ResponseEntity<Tickets.Result> post(@RequestBody(required = false) JsonNode body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(tickets.ingest(body));
	}

	@GetMapping("/accounts/{id}/tickets")
	@Operation(summary = "The account's help-desk tickets, newest first (up to 50)")
	List<Tickets.Ticket> forAccount(@PathVariable UUID id) {
		return tickets.forAccount(id);
	}

	@PostMapping("/integrations/zendesk/tickets")
	@Operation(summary = "Zendesk trigger webhook: verified with X-Zendesk-Webhook-Signature (HMAC-SHA256 of timestamp + body)")
	ResponseEntity<?> zendesk(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "X-Zendesk-Webhook-Signature", required = false) String signature,
			@RequestHeader(name = "X-Zendesk-Webhook-Signature-Timestamp", required = false) String timestamp) {
		byte[] raw = body == null ? new byte[0] : body;
		if (!sources.zendeskSignatureValid(signature, timestamp, raw)) {
			return unauthorized("zendesk", "The X-Zendesk-Webhook-Signature does not match the configured signing secret");
		}
		return receive("zendesk", Tickets.Source.ZENDESK, raw, "ticket", ZENDESK_FIELDS);
	}

	@PostMapping("/integrations/freshdesk/tickets")
	@Operation(summary = "Freshdesk automation webhook: verified with the shared secret in X-Onward-Webhook-Secret")
	ResponseEntity<?> freshdesk(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "X-Onward-Webhook-Secret", required = false) String secret) {
		if (!sources.freshdeskSecretValid(secret)) {
			return unauthorized("freshdesk", "The X-Onward-Webhook-Secret header does not match the shared secret");
		}
		return receive("freshdesk", Tickets.Source.FRESHDESK, body == null ? new byte[0] : body, "freshdesk_webhook",
				FRESHDESK_FIELDS);
	}

	@PutMapping("/admin/integrations/zendesk")
	@Operation(summary = "Set the signing secret of the Zendesk webhook (copied from Zendesk)")
	ResponseEntity<Void> zendeskSecret(@Valid @RequestBody ZendeskSecret body) {
		sources.setZendeskSecret(body.signingSecret().strip());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/admin/integrations/freshdesk/secret")
	@Operation(summary = "Generate the Freshdesk shared secret; it is shown once")
	ResponseEntity<FreshdeskSecret> freshdeskSecret() {
		return ResponseEntity.status(HttpStatus.CREATED).body(new FreshdeskSecret(sources.newFreshdeskSecret()));
	}

	@GetMapping("/admin/integrations/{receiver}/deliveries")
	@Operation(summary = "The last 50 deliveries of a receiver (zendesk, freshdesk) with their problems")
	List<TicketSources.Delivery> deliveries(@PathVariable String receiver) {
		return sources.deliveries(receiver);
	}

	private ResponseEntity<?> receive(String receiver, Tickets.Source source, byte[] raw, String root,
			Map<String, String> names) {
		try {
			JsonNode body;
			try {
				body = raw.length == 0 ? null : json.readTree(raw);
			}
			catch (JacksonException e) {
				throw InvalidInputException.of(root, "is not valid JSON");
			}
			ObjectNode ticket = source == Tickets.Source.ZENDESK ? HelpDeskPayloads.zendesk(body)
					: HelpDeskPayloads.freshdesk(body);
			if (ticket == null) {
				throw InvalidInputException.of(root, "is required (a JSON object)");
			}
			TicketBatch batch = TicketBatch.one(root, ticket, tickets.now());
			Tickets.Result result = tickets.store(source, batch);
			sources.logDelivery(receiver, 202, ticket.path("externalId").asString(""), null);
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
		}
		catch (InvalidInputException e) {
			var named = new InvalidInputException(e.errors().stream().map(f -> renamed(f, root, names)).toList());
			sources.logDelivery(receiver, 400, null, named.getMessage());
			throw named;
		}
	}

	private static InvalidInputException.FieldError renamed(InvalidInputException.FieldError f, String root,
			Map<String, String> names) {
		String prefix = root + ".";
		if (f.field().startsWith(prefix)) {
			String name = names.get(f.field().substring(prefix.length()));
			if (name != null) {
				return new InvalidInputException.FieldError(prefix + name, f.message());
			}
		}
		return f;
	}

	private ResponseEntity<ProblemDetail> unauthorized(String receiver, String detail) {
		sources.logDelivery(receiver, 401, null, detail);
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, List.of()));
	}
}
