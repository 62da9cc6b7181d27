package com.onward.shared;

/** Customer segments of ACC-2, each with its default touch model (ACC-3). */
public enum Segment {
	ENTERPRISE(TouchModel.HIGH_TOUCH), MID_MARKET(TouchModel.LOW_TOUCH), SMB(TouchModel.TECH_TOUCH);

	private final TouchModel touchModel;

	Segment(TouchModel touchModel) {
		this.touchModel = touchModel;
	}

	public TouchModel touchModel() {
		return touchModel;
	}
}
