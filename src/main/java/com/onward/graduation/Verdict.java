package com.onward.graduation;

/** GRD-2 verdicts: ready to graduate, close (needs work in named areas), not ready. */
public enum Verdict {
	READY, CLOSE, NOT_READY
}
