package com.onward.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.onward.identity.AuditLog;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Money;

import tools.jackson.databind.ObjectMapper;

/**
 * Signing contracts (ACC-4, PLAN-3). Idempotent on the external id: a contract seen before
 * returns the ids it got the first time and changes nothing.
 */
@Service
public class Contracts {

	public record Signed(UUID contractId, UUID accountId, UUID projectId, boolean created) {
	}

	public record ContractView(UUID id, String externalId, UUID accountId, java.time.Instant signedAt, Money acv,
			UUID projectId, String source) {
	}

	/** The most contracts one {@link ContractsSigned} event carries. */
	static final int EVENT_CHUNK = 500;

	private final JdbcClient jdbc;
	private final Accounts accounts;
	/** Binds the current transaction's list of signings (see {@link #announceAtCommit}). */
	private final Object batchKey = new Object();
	private final ApplicationEventPublisher events;
	private final AuditLog audit;
	private final ObjectMapper json;
	private final Clock clock;

	Contracts(JdbcClient jdbc, Accounts accounts, ApplicationEventPublisher events, AuditLog audit, ObjectMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	public Optional<Signed> findByExternalId(String externalId) {
		return jdbc.sql("select id, account_id, project_id from contract where external_id = :ext")
			.param("ext", externalId)
			.query((rs, n) -> new Signed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), false))
			.optional();
	}

	@Transactional
	public Signed sign(SignContract command, String source) {
		Optional<Signed> existing = findByExternalId(command.externalId());
		if (existing.isPresent()) {
			return existing.get();
		}
		if ((command.account() == null) == (command.accountId() == null)) {
			throw InvalidInputException.of("account", "give either account or accountId");
		}
		// The signing's audit entries (account, contract, project, team) are written together at commit.
		audit.deferToCommit();
		UUID contractId = UUID.randomUUID();
		UUID projectId = UUID.randomUUID();
		LocalDate signedOn = command.signedAt().atZone(clock.getZone()).toLocalDate();
		Account account = null;
		if (command.accountId() != null) {
			account = accounts.get(command.accountId());
		}
		else {
			String ext = command.account().externalId();
			// A contract for a CRM account we already know attaches to it rather than duplicating it.
			if (ext != null && !ext.isBlank()) {
				account = accounts.findByExternalId(ext).orElse(null);
			}
		}
		if (account == null) {
			account = accounts.createSigned(command.account(), signedOn, projectId);
		}
		else {
			accounts.markSigned(account.id(), signedOn, projectId);
		}
		Money acv = command.acv() == null ? account.acv() : command.acv().toMoney();
		OnboardingFactors factors = command.factors() == null ? OnboardingFactors.NONE : command.factors();
		jdbc.sql("""
				insert into contract (id, external_id, account_id, signed_at, acv_amount, acv_currency, project_id,
				  factors, source, created_at, historical)
				values (:id, :ext, :account, :signed, :acv, :currency, :project, :factors::jsonb, :source, :at, :historical)""")
			.param("id", contractId).param("ext", command.externalId()).param("account", account.id())
			.param("signed", Timestamp.from(command.signedAt())).param("acv", acv.amount())
			.param("currency", acv.currency().name()).param("project", projectId)
			.param("factors", json.writeValueAsString(factors)).param("source", source)
			.param("at", Timestamp.from(clock.instant())).param("historical", command.isHistorical())
			.update();
		audit.record("contract.signed", "contract", contractId, command.externalId() + " for " + account.name());
		var signed = new ContractSigned(contractId, account.id(), projectId, command.signedAt(), account.segment(),
				account.language(), factors, command.isHistorical());
		events.publishEvent(signed);
		announceAtCommit(signed);
		return new Signed(contractId, account.id(), projectId, true);
	}

	/**
	 * Collects the transaction's signings and publishes them as {@link ContractsSigned} chunks just before it
	 * commits (still inside it, so the event publications are stored with the contracts): an import of
	 * 10,000 rows makes 20 asynchronous reactions, not 10,000.
	 */
	private void announceAtCommit(ContractSigned signed) {
		@SuppressWarnings("unchecked")
		var batch = (List<ContractSigned>) TransactionSynchronizationManager.getResource(batchKey);
		if (batch == null) {
			var fresh = new ArrayList<ContractSigned>();
			TransactionSynchronizationManager.bindResource(batchKey, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					for (int from = 0; from < fresh.size(); from += EVENT_CHUNK) {
						events.publishEvent(new ContractsSigned(
								List.copyOf(fresh.subList(from, Math.min(fresh.size(), from + EVENT_CHUNK)))));
					}
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(batchKey);
				}

				@Override
				public int getOrder() {
					// Before the team assignment's step (which holds its lock until commit) and the audit entries'.
					return Ordered.LOWEST_PRECEDENCE - 2;
				}
			});
			batch = fresh;
		}
		batch.add(signed);
	}

	public List<ContractView> forAccount(UUID accountId) {
		return jdbc.sql("""
				select id, external_id, account_id, signed_at, acv_amount, acv_currency, project_id, source
				from contract where account_id = :a order by signed_at desc""")
			.param("a", accountId)
			.query((rs, n) -> new ContractView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getTimestamp(4).toInstant(),
					new Money(rs.getBigDecimal(5), com.onward.shared.Currency.valueOf(rs.getString(6))),
					rs.getObject(7, UUID.class), rs.getString(8)))
			.list();
	}
}
