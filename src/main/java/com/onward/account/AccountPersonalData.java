package com.onward.account;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Accounts, contracts and segment changes; the account row itself goes last of all modules. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class AccountPersonalData extends PersonalDataTables {

	AccountPersonalData(JdbcClient jdbc) {
		super(jdbc, "account");
		table("segment_change", "segmentChanges", BY_ACCOUNT, "at, id");
		table("account_renewal", "renewals", BY_ACCOUNT, "renewal_date, id");
		table("contract", "contracts", BY_ACCOUNT, "signed_at, id");
		table("account", "account", "id = :a", "id");
		redacted("segment_change", "reason");
	}
}
