package com.onward.shared;

/** Customer segments of ACC-2, each with its default touch model (ACC-3). */
public enum Segment {
	ENTERPRISE(TouchModel.HIGH_TOUCH, 1), MID_MARKET(TouchModel.LOW_TOUCH, 2), SMB(TouchModel.TECH_TOUCH, 3);

	private final TouchModel touchModel;
	private final int tier;

	Segment(TouchModel touchModel, int tier) {
		this.touchModel = touchModel;
		this.tier = tier;
	}

	public TouchModel touchModel() {
		return touchModel;
	}

	public int tier() {
		return tier;
	}
}
