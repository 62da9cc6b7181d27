package com.onward.success;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Success criteria with measurements, value confirmations and their evidence files, and quick wins. */
@Component
class SuccessPersonalData extends PersonalDataTables {

	SuccessPersonalData(JdbcClient jdbc) {
		super(jdbc, "success");
		String criteria = "select id from success_criterion where " + BY_ACCOUNT;
		table("evidence_file", "evidenceFiles", "confirmation_id in (select id from value_confirmation where criterion_id in ("
				+ criteria + "))", "id");
		table("value_confirmation", "valueConfirmations", "criterion_id in (" + criteria + ")", "id");
		table("measurement", "measurements", "criterion_id in (" + criteria + ")", "id");
		table("success_criterion", "criteria", BY_ACCOUNT, "id");
		table("quick_win", "quickWins", BY_PROJECT, "id");
		redacted("measurement", "note");
		redacted("value_confirmation", "confirmed_by", "quote", "evidence");
		redacted("quick_win", "title", "owner", "measured_impact");
	}

}
