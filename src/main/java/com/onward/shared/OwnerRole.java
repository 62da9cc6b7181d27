package com.onward.shared;

/** Who owns a playbook item: a vendor role or a customer role (PLAN-1). */
public enum OwnerRole {
	CSM(true), IMPLEMENTATION_SPECIALIST(true), TECHNICAL_RESOURCE(true), TRAINING_LEAD(true),
	EXECUTIVE_SPONSOR(false), PROJECT_LEAD(false), TECHNICAL_LEAD(false), SME(false), END_USER(false);

	private final boolean vendor;

	OwnerRole(boolean vendor) {
		this.vendor = vendor;
	}

	public boolean isVendor() {
		return vendor;
	}
}
