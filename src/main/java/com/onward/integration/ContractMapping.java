package com.onward.integration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.onward.shared.InvalidInputException.FieldError;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CRM payload into the body of {@code POST /api/v1/contracts}: each contract field has an
 * expression, a JSON Pointer into the payload ({@code /properties/amount/value}) or a constant
 * ({@code =USD}); {@code a|b} takes the first that gives a value. Dates may come as ISO dates,
 * ISO times or epoch milliseconds (HubSpot). A required field that maps to nothing is an error
 * naming the field and the expression.
 */
final class ContractMapping {

	/** The contract fields a mapping may fill, in the order shown. */
	static final List<String> FIELDS = List.of("externalId", "signedAt", "account.externalId", "account.name",
			"account.industry", "account.employees", "account.acv.amount", "account.acv.currency",
			"account.licensedSeats", "account.productType", "account.technical", "account.language",
			"account.useCase", "account.renewalDate", "contact.name", "contact.email", "contact.role");

	static final List<String> REQUIRED = List.of("externalId", "signedAt", "account.name", "account.employees",
			"account.acv.amount", "account.acv.currency", "account.productType");

	private static final List<String> NUMBERS = List.of("account.employees", "account.acv.amount", "account.licensedSeats");

	static Map<String, String> preset(String preset) {
		var m = new LinkedHashMap<String, String>();
		switch (preset) {
			case "HUBSPOT" -> {
				// A HubSpot workflow "Send a webhook" action on a deal (the deal's properties with value objects).
				m.put("externalId", "/objectId");
				m.put("signedAt", "/properties/closedate/value");
				m.put("account.externalId", "/properties/associatedcompanyid/value");
				m.put("account.name", "/properties/company_name/value|/properties/dealname/value");
				m.put("account.industry", "/properties/industry/value");
				m.put("account.employees", "/properties/numberofemployees/value|=0");
				m.put("account.acv.amount", "/properties/amount/value");
				m.put("account.acv.currency", "/properties/deal_currency_code/value|=USD");
				m.put("account.licensedSeats", "/properties/seats/value");
				m.put("account.productType", "/properties/product_type/value|=DAILY");
				m.put("contact.name", "/properties/contact_name/value");
				m.put("contact.email", "/properties/contact_email/value");
				m.put("contact.role", "=PROJECT_LEAD");
			}
			case "SALESFORCE" -> {
				// A Salesforce Flow HTTP callout sending the closed-won Opportunity with its Account.
				m.put("externalId", "/Id");
				m.put("signedAt", "/CloseDate");
				m.put("account.externalId", "/Account/Id");
				m.put("account.name", "/Account/Name");
				m.put("account.industry", "/Account/Industry");
				m.put("account.employees", "/Account/NumberOfEmployees|=0");
				m.put("account.acv.amount", "/Amount");
				m.put("account.acv.currency", "/CurrencyIsoCode|=USD");
				m.put("account.licensedSeats", "/Seats__c");
				m.put("account.productType", "/Product_Type__c|=DAILY");
				m.put("contact.name", "/Contact/Name");
				m.put("contact.email", "/Contact/Email");
				m.put("contact.role", "=PROJECT_LEAD");
			}
			default -> {
				m.put("externalId", "/id");
				m.put("signedAt", "/signedAt");
				m.put("account.name", "/account/name");
				m.put("account.employees", "/account/employees");
				m.put("account.acv.amount", "/account/acv");
				m.put("account.acv.currency", "=USD");
				m.put("account.productType", "=DAILY");
			}
		}
		return m;
	}

	/** Problems of the mapping itself: unknown fields, expressions that are neither pointers nor constants. */
	static List<FieldError> check(Map<String, String> mapping) {
		var errors = new ArrayList<FieldError>();
		mapping.forEach((field, expression) -> {
			if (!FIELDS.contains(field)) {
				errors.add(new FieldError("mapping." + field, "is not a contract field; one of " + String.join(", ", FIELDS)));
				return;
			}
			if (expression == null || expression.isBlank()) {
				return;
			}
			for (String alt : expression.split("\\|")) {
				String a = alt.strip();
				if (a.startsWith("=")) continue;
				try {
					JsonPointer.compile(a);
				}
				catch (IllegalArgumentException e) {
					errors.add(new FieldError("mapping." + field, "'" + a + "' is neither a JSON Pointer (/a/b) nor a constant (=value)"));
				}
			}
		});
		for (String required : REQUIRED) {
			if (mapping.get(required) == null || mapping.get(required).isBlank()) {
				errors.add(new FieldError("mapping." + required, "is required"));
			}
		}
		return errors;
	}

	record Result(ObjectNode contract, List<FieldError> errors) {
	}

	/** The contract body, or the fields that could not be filled. */
	static Result apply(Map<String, String> mapping, JsonNode payload) {
		var errors = new ArrayList<FieldError>();
		ObjectNode contract = JsonNodeFactory.instance.objectNode();
		ObjectNode account = contract.putObject("account");
		ObjectNode acv = account.putObject("acv");
		ObjectNode contact = JsonNodeFactory.instance.objectNode();
		for (String field : FIELDS) {
			String expression = mapping.get(field);
			JsonNode value = expression == null ? null : evaluate(expression, payload);
			if (value == null) {
				if (REQUIRED.contains(field)) {
					errors.add(new FieldError(field, expression == null ? "has no mapping"
							: "is missing: " + expression + " finds nothing in the payload"));
				}
				continue;
			}
			String text = value.isValueNode() ? value.asString().strip() : value.toString();
			try {
				switch (field) {
					case "externalId" -> contract.put("externalId", text);
					case "signedAt" -> contract.put("signedAt", instant(value).toString());
					case "account.acv.amount" -> acv.put("amount", new java.math.BigDecimal(text));
					case "account.acv.currency" -> acv.put("currency", text.toUpperCase(java.util.Locale.ROOT));
					case "account.employees", "account.licensedSeats" ->
						account.put(field.substring(8), new java.math.BigDecimal(text).intValueExact());
					case "account.technical" -> account.put("technical", Boolean.parseBoolean(text));
					case "account.productType" -> account.put("productType", text.toUpperCase(java.util.Locale.ROOT));
					case "account.renewalDate" -> account.put("renewalDate", LocalDate.ofInstant(instant(value), ZoneOffset.UTC).toString());
					case "contact.name", "contact.email", "contact.role" -> contact.put(field.substring(8), text);
					default -> account.put(field.substring(8), text);
				}
			}
			catch (NumberFormatException | ArithmeticException e) {
				errors.add(new FieldError(field, "'" + text + "' (from " + expression + ") is not a "
						+ (NUMBERS.contains(field) ? "number" : "value") + " this field takes"));
			}
			catch (DateTimeParseException e) {
				errors.add(new FieldError(field, "'" + text + "' (from " + expression
						+ ") is not a date, an ISO time or epoch milliseconds"));
			}
		}
		if (contact.has("name")) {
			if (!contact.has("role")) contact.put("role", "PROJECT_LEAD");
			account.putArray("contacts").add(contact);
		}
		if (acv.isEmpty()) account.remove("acv");
		return new Result(contract, errors);
	}

	/** The first alternative that gives a non-blank value. */
	static JsonNode evaluate(String expression, JsonNode payload) {
		for (String alt : expression.split("\\|")) {
			String a = alt.strip();
			if (a.startsWith("=")) {
				return a.length() == 1 ? null : JsonNodeFactory.instance.stringNode(a.substring(1));
			}
			if (payload == null) continue;
			JsonNode v;
			try {
				v = payload.at(JsonPointer.compile(a));
			}
			catch (IllegalArgumentException e) {
				continue;
			}
			if (v != null && !v.isMissingNode() && !v.isNull() && !(v.isString() && v.asString().isBlank())) {
				return v;
			}
		}
		return null;
	}

	private static Instant instant(JsonNode value) {
		String s = value.asString().strip();
		if (value.isNumber() || s.matches("\\d{10,}")) {
			return Instant.ofEpochMilli(Long.parseLong(s));
		}
		if (s.length() == 10) {
			return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		return OffsetDateTime.parse(s).toInstant();
	}
}
