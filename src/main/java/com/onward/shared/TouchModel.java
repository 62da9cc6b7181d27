package com.onward.shared;

/** How much human attention a segment gets (ACC-3). */
public enum TouchModel {
	HIGH_TOUCH, LOW_TOUCH, TECH_TOUCH
}
