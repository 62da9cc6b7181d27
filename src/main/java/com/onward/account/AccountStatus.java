package com.onward.account;

public enum AccountStatus {
	ONBOARDING, GRADUATED, STEADY_STATE, CHURNED
}
