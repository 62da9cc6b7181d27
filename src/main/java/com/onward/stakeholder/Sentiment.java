package com.onward.stakeholder;

public enum Sentiment {
	POSITIVE, NEUTRAL, NEGATIVE, UNKNOWN
}
