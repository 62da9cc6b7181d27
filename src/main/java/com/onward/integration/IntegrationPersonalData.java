package com.onward.integration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** CRM deliveries keep no payload; a problem text that quoted a person's address loses it. */
@Component
class IntegrationPersonalData extends PersonalDataTables {

	IntegrationPersonalData(JdbcClient jdbc) {
		super(jdbc, "integration");
		redacted("crm_delivery", "problem");
	}
}
