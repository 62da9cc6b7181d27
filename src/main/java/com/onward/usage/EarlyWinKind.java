package com.onward.usage;

/** The early-win milestones of VAL-5, each detected once per account. */
public enum EarlyWinKind {
	FIRST_LOGIN, FIRST_USER_INVITED, FIRST_DATA_IMPORT, FIRST_INTEGRATION_CONNECTED, FIRST_WORKFLOW_CREATED,
	FIRST_REPORT_GENERATED
}
