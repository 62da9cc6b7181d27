package com.onward.operations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** The last error of each failed listener: an error text that quoted a person's address or user id loses it. */
@Component
class OperationsPersonalData extends PersonalDataTables {

	OperationsPersonalData(JdbcClient jdbc) {
		super(jdbc, "operations");
		redacted("event_failure", "message");
	}
}
