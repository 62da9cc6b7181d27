package com.onward.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.onward.account.Contracts;
import com.onward.account.SignContract;
import com.onward.identity.AuditLog;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.InvalidInputException.FieldError;
import com.onward.shared.NotFoundException;
import com.onward.shared.Texts;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * CRM connections (ACC-3): each has a mapping from its payloads to a contract, and its own secret
 * with which the CRM signs every delivery ({@code X-Onward-Signature}: hex HMAC-SHA256 of the body).
 * A delivery signs the mapped contract through {@link Contracts#sign}, so it is idempotent on the
 * mapped external id and creates the account's onboarding project like any other contract.
 */
@Service
public class CrmConnections {

	public record Connection(UUID id, String name, String preset, Map<String, String> mapping, String secretPrefix,
			Instant createdAt) {
	}

	/** A new connection: {@code secret} is shown once. */
	public record Created(Connection connection, String secret) {
	}

	public record Delivery(Instant receivedAt, int status, String externalId, UUID contractId, String problem) {
	}

	/** A delivery's outcome: 201 signed, 200 a repeat. */
	public record Received(int status, UUID contractId, UUID accountId, UUID projectId) {
	}

	public record Preview(Map<String, Object> contract, List<FieldError> errors) {
	}

	static final int KEEP_DELIVERIES = 50;
	private static final TypeReference<LinkedHashMap<String, String>> MAPPING = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Contracts contracts;
	private final Validator validator;
	private final ObjectMapper json;
	private final AuditLog audit;
	private final Clock clock;

	CrmConnections(JdbcClient jdbc, Contracts contracts, Validator validator, ObjectMapper json, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.contracts = contracts;
		this.validator = validator;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Created create(String name, String preset, Map<String, String> mapping) {
		String n = Texts.blankToNull(name);
		if (n == null || n.length() > 100) {
			throw InvalidInputException.of("name", "must be 1 to 100 characters");
		}
		String p = preset == null ? "CUSTOM" : preset.strip().toUpperCase(java.util.Locale.ROOT);
		if (!List.of("HUBSPOT", "SALESFORCE", "CUSTOM").contains(p)) {
			throw InvalidInputException.of("preset", "one of HUBSPOT, SALESFORCE, CUSTOM");
		}
		Map<String, String> m = mapping == null || mapping.isEmpty() ? ContractMapping.preset(p) : mapping;
		checkMapping(m);
		if (jdbc.sql("select count(*) from crm_connection where name = :n").param("n", n).query(Integer.class).single() > 0) {
			throw InvalidInputException.of("name", "a connection named '" + n + "' exists");
		}
		String secret = "crm_" + com.onward.shared.SecureTokens.random(32);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		jdbc.sql("""
				insert into crm_connection (id, name, preset, mapping, secret, created_at)
				values (:id, :n, :p, :m::jsonb, :s, :at)""")
			.param("id", id).param("n", n).param("p", p).param("m", json.writeValueAsString(m)).param("s", secret)
			.param("at", Timestamp.from(now)).update();
		audit.record("crm.connection.created", "crm_connection", id, n + " (" + p + ")");
		return new Created(new Connection(id, n, p, m, secret.substring(0, 8), now), secret);
	}

	@Transactional
	public Connection updateMapping(UUID id, Map<String, String> mapping) {
		get(id);
		checkMapping(mapping == null ? Map.of() : mapping);
		jdbc.sql("update crm_connection set mapping = :m::jsonb where id = :id")
			.param("m", json.writeValueAsString(mapping)).param("id", id).update();
		audit.record("crm.mapping.updated", "crm_connection", id, null);
		return get(id);
	}

	private static void checkMapping(Map<String, String> mapping) {
		List<FieldError> errors = ContractMapping.check(mapping);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	public List<Connection> all() {
		return jdbc.sql("select id, name, preset, mapping::text, secret, created_at from crm_connection order by name")
			.query((rs, i) -> connection(rs)).list();
	}

	public Connection get(UUID id) {
		return jdbc.sql("select id, name, preset, mapping::text, secret, created_at from crm_connection where id = :id")
			.param("id", id).query((rs, i) -> connection(rs)).optional()
			.orElseThrow(() -> new NotFoundException("CRM connection", id));
	}

	private Connection connection(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Connection(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
				json.readValue(rs.getString(4), MAPPING), rs.getString(5).substring(0, 8), rs.getTimestamp(6).toInstant());
	}

	/** "Paste a sample payload and preview the contract": the mapping applied and checked, nothing stored. */
	public Preview preview(Map<String, String> mapping, String payload) {
		JsonNode body;
		try {
			body = json.readTree(payload == null ? "" : payload);
		}
		catch (JacksonException e) {
			return new Preview(null, List.of(new FieldError("payload", "is not valid JSON")));
		}
		List<FieldError> mappingErrors = ContractMapping.check(mapping);
		if (!mappingErrors.isEmpty()) {
			return new Preview(null, mappingErrors);
		}
		ContractMapping.Result r = ContractMapping.apply(mapping, body);
		var errors = new ArrayList<>(r.errors());
		if (errors.isEmpty()) {
			errors.addAll(validate(r.contract()).errors());
		}
		return new Preview(json.convertValue(r.contract(), new TypeReference<LinkedHashMap<String, Object>>() {
		}), errors);
	}

	private record Validated(SignContract command, List<FieldError> errors) {
	}

	private Validated validate(JsonNode contract) {
		SignContract command;
		try {
			command = json.treeToValue(contract, SignContract.class);
		}
		catch (JacksonException e) {
			String path = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
				.reduce((a, b) -> a + "." + b).orElse("contract").replace(".[", "[");
			return new Validated(null, List.of(new FieldError(path, "has a value this field does not take")));
		}
		var errors = new ArrayList<FieldError>();
		for (ConstraintViolation<SignContract> v : validator.validate(command)) {
			errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
		}
		errors.sort(java.util.Comparator.comparing(FieldError::field));
		return new Validated(command, errors);
	}

	boolean signatureValid(UUID connectionId, String signature, byte[] body) {
		Optional<String> secret = jdbc.sql("select secret from crm_connection where id = :id").param("id", connectionId)
			.query(String.class).optional();
		if (secret.isEmpty() || signature == null) {
			return false;
		}
		String given = signature.strip();
		if (given.regionMatches(true, 0, "sha256=", 0, 7)) given = given.substring(7);
		byte[] expected = HexFormat.of().formatHex(hmac(secret.get(), body)).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

	static byte[] hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A verified delivery: mapped, checked, and signed as a contract, or a 400 naming what is missing. */
	Received receive(Connection connection, byte[] body) {
		JsonNode payload;
		try {
			payload = json.readTree(body);
		}
		catch (JacksonException e) {
			throw InvalidInputException.of("payload", "is not valid JSON");
		}
		ContractMapping.Result mapped = ContractMapping.apply(connection.mapping(), payload);
		if (!mapped.errors().isEmpty()) {
			throw new InvalidInputException(mapped.errors());
		}
		Validated v = validate(mapped.contract());
		if (!v.errors().isEmpty()) {
			throw new InvalidInputException(v.errors());
		}
		Contracts.Signed signed;
		try {
			signed = contracts.sign(v.command(), "crm:" + connection.name());
		}
		catch (DuplicateKeyException | BusinessRuleException raced) {
			signed = contracts.findByExternalId(v.command().externalId()).orElseThrow(() -> raced);
		}
		return new Received(signed.created() ? 201 : 200, signed.contractId(), signed.accountId(), signed.projectId());
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void logDelivery(UUID connectionId, int status, String externalId, UUID contractId, String problem) {
		jdbc.sql("""
				insert into crm_delivery (connection_id, received_at, status, external_id, contract_id, problem)
				values (:c, :at, :s, :e, :k, :p)""")
			.param("c", connectionId).param("at", Timestamp.from(clock.instant())).param("s", status)
			.param("e", externalId).param("k", contractId)
			.param("p", problem == null || problem.length() <= 1000 ? problem : problem.substring(0, 1000)).update();
		jdbc.sql("""
				delete from crm_delivery where connection_id = :c and id not in (
				  select id from crm_delivery where connection_id = :c order by id desc limit :n)""")
			.param("c", connectionId).param("n", KEEP_DELIVERIES).update();
	}

	public List<Delivery> deliveries(UUID connectionId) {
		return jdbc.sql("""
				select received_at, status, external_id, contract_id, problem from crm_delivery
				where connection_id = :c order by id desc limit :n""")
			.param("c", connectionId).param("n", KEEP_DELIVERIES)
			.query((rs, i) -> new Delivery(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3),
					rs.getObject(4, UUID.class), rs.getString(5)))
			.list();
	}
}
