package com.onward.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description at {@code /v3/api-docs} as a contract clients can be generated from:
 * what the API is, the bearer scheme applied to every operation (except the signed CRM receivers),
 * a summary on every operation, and the RFC 9457 problem-detail answers with their schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";
	static final String PROBLEM = "Problem";
	static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenApiCustomizer onwardContract() {
		return api -> {
			api.info(new Info().title("Onward API").version("v1")
				.description("""
						Customer onboarding for B2B SaaS: accounts and contracts, onboarding projects, usage events, \
						health, success plans, training, graduation, automation and analytics.

						Every call needs an API token (`Authorization: Bearer …`, created by an admin). Every error \
						is an RFC 9457 problem detail (`application/problem+json`); a validation problem lists \
						one `errors` entry (`field`, `message`) per bad field."""));
			// Relative: the description is served by the instance it describes, wherever that is.
			api.servers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/").description("This Onward instance")));
			Components components = api.getComponents() == null ? new Components() : api.getComponents();
			api.components(components);
			components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
				.description("An API token created under Administration (shown once)."));
			components.addSchemas(PROBLEM, problemSchema());
			api.security(List.of(new SecurityRequirement().addList(BEARER)));
			if (api.getPaths() == null) return;
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if (path.startsWith("/api/v1/integrations/crm/")) operation.security(List.of()); // signed, not bearer
				problems(path, method, operation);
			}));
		};
	}

	/** A summary for operations that have none: their Java method name in words. */
	@Bean
	OperationCustomizer summaries() {
		return (operation, handler) -> {
			if (operation.getSummary() == null || operation.getSummary().isBlank()) {
				String words = handler.getMethod().getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2")
					.toLowerCase(Locale.ROOT);
				operation.setSummary(Character.toUpperCase(words.charAt(0)) + words.substring(1));
			}
			return operation;
		};
	}

	private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		operation.setResponses(responses);
		boolean write = method != PathItem.HttpMethod.GET;
		var answers = new ArrayList<Map.Entry<String, String>>();
		answers.add(Map.entry("400", "Invalid request: one `errors` entry per bad field"));
		answers.add(Map.entry("401", "No valid API token"));
		answers.add(Map.entry("403", "The token's role may not do this"));
		if (path.contains("{")) answers.add(Map.entry("404", "Not found"));
		if (write) {
			answers.add(Map.entry("409", "Conflicts with data stored meanwhile"));
			answers.add(Map.entry("413", "The request body is larger than allowed"));
			answers.add(Map.entry("422", "A business rule refuses the change"));
		}
		for (var answer : answers) {
			ApiResponse existing = responses.get(answer.getKey());
			if (existing == null) {
				existing = new ApiResponse().description(answer.getValue());
				responses.addApiResponse(answer.getKey(), existing);
			}
			existing.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> problemSchema() {
		Schema fieldError = new ObjectSchema().addProperty("field", new StringSchema().description(
				"The bad field's path, e.g. `account.contacts[0].email` or `events[3].occurredAt`"))
			.addProperty("message", new StringSchema().description("What is wrong, in words"));
		return new ObjectSchema().description("An RFC 9457 problem detail")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema().example("Invalid request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.addProperty("errors", new ArraySchema().items(fieldError).description("One entry per bad field"))
			.required(List.of("title", "status"));
	}
}
