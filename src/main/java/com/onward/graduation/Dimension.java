package com.onward.graduation;

/** The five completion dimensions of GRD-1. */
public enum Dimension {
	TECHNICAL, KNOWLEDGE, ADOPTION, VALUE, STAKEHOLDER
}
