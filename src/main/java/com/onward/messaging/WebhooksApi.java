package com.onward.messaging;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.onward.identity.AuditLog;
import com.onward.identity.Users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Messages")
class WebhooksApi {

	record Registration(String url, List<String> events) {
	}

	private final Webhooks webhooks;
	private final Notifications notifications;
	private final Users users;

	WebhooksApi(Webhooks webhooks, Notifications notifications, Users users) {
		this.webhooks = webhooks;
		this.notifications = notifications;
		this.users = users;
	}

	@PostMapping("/webhooks")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register an outgoing webhook (admin); the secret that signs its calls is shown once")
	Webhooks.Created register(@RequestBody Registration body) {
		return webhooks.register(body == null ? null : body.url(), body == null ? null : body.events());
	}

	@GetMapping("/webhooks")
	List<Webhooks.Endpoint> endpoints() {
		return webhooks.endpoints();
	}

	@DeleteMapping("/webhooks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable UUID id) {
		webhooks.remove(id);
	}

	@GetMapping("/notifications")
	@Operation(summary = "My in-app notifications, newest first")
	List<Notifications.Notification> mine(@RequestParam(defaultValue = "false") boolean unread) {
		return users.find(AuditLog.currentActor())
			.map(u -> notifications.inbox(u.id(), unread, 200)).orElse(List.of());
	}

	@PostMapping("/notifications/read")
	@Operation(summary = "Mark my notifications read")
	int read() {
		return users.find(AuditLog.currentActor()).map(u -> notifications.markRead(u.id(), null)).orElse(0);
	}
}
