package com.onward.training;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Training sessions with their attendance (attendees may be named by address), and enablement notes. */
@Component
class TrainingPersonalData extends PersonalDataTables {

	TrainingPersonalData(JdbcClient jdbc) {
		super(jdbc, "training");
		table("training_attendance", "attendance", "session_id in (select id from training_session where " + BY_PROJECT + ")",
				"session_id, attendee");
		table("training_session", "sessions", BY_PROJECT, "project_id, position");
		table("enablement", "enablement", BY_ACCOUNT, "account_id");
		redacted("training_attendance", "attendee");
		redacted("enablement", "note");
	}

}
