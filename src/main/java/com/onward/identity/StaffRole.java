package com.onward.identity;

/** Roles of staff users and API tokens. VIEWER may only read. */
public enum StaffRole {
	ADMIN, CS_MANAGER, CSM, IMPLEMENTATION_SPECIALIST, TRAINING_LEAD, VIEWER;

	public String authority() {
		return "ROLE_" + name();
	}
}
