package com.onward.stakeholder;

public enum Engagement {
	HIGH, MEDIUM, LOW, UNKNOWN
}
