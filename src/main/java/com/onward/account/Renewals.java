package com.onward.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.onward.identity.AuditLog;
import com.onward.shared.Currency;
import com.onward.shared.Money;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Renewal outcomes of accounts (the input of retention analytics). A {@code CHURNED} outcome
 * sets the account's status to {@code CHURNED}; a later renewal of a churned account brings it
 * back to steady state.
 */
@Service
public class Renewals {

	public record NewRenewal(@NotNull LocalDate date, @NotNull RenewalOutcome outcome,
			@Valid NewAccount.MoneyInput acvAfter) {
	}

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final AuditLog audit;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	Renewals(JdbcClient jdbc, Accounts accounts, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	public Renewal record(UUID accountId, NewRenewal r) {
		return record(accountId, r, "API");
	}

	/** Records a renewal; {@code source} says where it came from (API, UI, CSV, DEMO). */
	@Transactional
	public Renewal record(UUID accountId, NewRenewal r, String source) {
		accounts.get(accountId);
		UUID id = UUID.randomUUID();
		Money acv = r.acvAfter() == null ? null : r.acvAfter().toMoney();
		if (acv == null && r.outcome() == RenewalOutcome.CHURNED) {
			acv = new Money(java.math.BigDecimal.ZERO, accounts.get(accountId).acv().currency());
		}
		jdbc.sql("""
				insert into account_renewal (id, account_id, renewal_date, outcome, acv_amount, acv_currency, source,
				  recorded_by, recorded_at)
				values (:id, :a, :date, :outcome, :amount, :currency, :source, :by, :at)""")
			.param("id", id).param("a", accountId).param("date", r.date()).param("outcome", r.outcome().name())
			.param("amount", acv == null ? null : acv.amount()).param("currency", acv == null ? null : acv.currency().name())
			.param("source", source).param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant()))
			.update();
		// The latest renewal decides the status and the next renewal date.
		jdbc.sql("""
				update account set
				  status = case when :outcome = 'CHURNED' then 'CHURNED'
				                when status = 'CHURNED' then 'STEADY_STATE' else status end,
				  renewal_date = case when :outcome = 'CHURNED' then renewal_date else :next end,
				  acv_amount = coalesce(:amount, acv_amount)
				where id = :a and not exists (select 1 from account_renewal r where r.account_id = :a and r.renewal_date > :date)""")
			.param("outcome", r.outcome().name()).param("next", r.date().plusYears(1))
			.param("amount", r.outcome() == RenewalOutcome.CHURNED || acv == null ? null : acv.amount())
			.param("a", accountId).param("date", r.date()).update();
		audit.record("account.renewal", "account", accountId, r.outcome() + " on " + r.date());
		events.publishEvent(new RenewalRecorded(accountId, id, r.date(), r.outcome()));
		return list(accountId).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
	}

	public List<Renewal> list(UUID accountId) {
		return jdbc.sql("""
				select id, account_id, renewal_date, outcome, acv_amount, acv_currency, source, recorded_by, recorded_at
				from account_renewal where account_id = :a order by renewal_date, recorded_at""")
			.param("a", accountId)
			.query((rs, n) -> new Renewal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, LocalDate.class), RenewalOutcome.valueOf(rs.getString(4)),
					rs.getBigDecimal(5) == null ? null : new Money(rs.getBigDecimal(5), Currency.valueOf(rs.getString(6))),
					rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
			.list();
	}
}
