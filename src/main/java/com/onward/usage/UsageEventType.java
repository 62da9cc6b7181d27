package com.onward.usage;

/** The event types of ADO-1; {@code CUSTOM} carries anything else in its properties. */
public enum UsageEventType {
	LOGIN, FEATURE_USED, USER_INVITED, DATA_IMPORTED, INTEGRATION_CONNECTED, WORKFLOW_CREATED, REPORT_GENERATED, CUSTOM;

	/** The early win (VAL-5) the first event of this type is, if any. */
	EarlyWinKind earlyWin() {
		return switch (this) {
			case LOGIN -> EarlyWinKind.FIRST_LOGIN;
			case USER_INVITED -> EarlyWinKind.FIRST_USER_INVITED;
			case DATA_IMPORTED -> EarlyWinKind.FIRST_DATA_IMPORT;
			case INTEGRATION_CONNECTED -> EarlyWinKind.FIRST_INTEGRATION_CONNECTED;
			case WORKFLOW_CREATED -> EarlyWinKind.FIRST_WORKFLOW_CREATED;
			case REPORT_GENERATED -> EarlyWinKind.FIRST_REPORT_GENERATED;
			case FEATURE_USED, CUSTOM -> null;
		};
	}
}
