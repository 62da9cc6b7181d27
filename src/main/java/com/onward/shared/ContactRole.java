package com.onward.shared;

/** The role a customer contact plays in the onboarding (PPL-2). */
public enum ContactRole {
	EXECUTIVE_SPONSOR, PROJECT_LEAD, TECHNICAL_LEAD, SME, CHAMPION, END_USER
}
