package com.onward.team;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.onward.shared.PersonalDataTables;

/** Who staffs the account's projects (team members are staff, not the customer's people). */
@Component
class TeamPersonalData extends PersonalDataTables {

	TeamPersonalData(JdbcClient jdbc) {
		super(jdbc, "team");
		table("project_assignment", "assignments", BY_PROJECT, "project_id, role");
	}

}
