package com.onward.health;

import java.util.List;
import java.util.Map;

/**
 * One component of a health score as stored: its score (null means "no data", never a
 * guess), its configured and effective weight, the inputs it was computed from, and the
 * explanation and "what would raise it" as message keys with arguments, so the same score
 * reads in English, Bahasa Indonesia and Bahasa Melayu.
 */
record Component(String name, double weight, double effectiveWeight, Integer score, double contribution,
		Map<String, Object> inputs, Text explanation, Text toRaise) {

	enum Name {
		ADOPTION("adoption"), ENGAGEMENT("engagement"), MILESTONES("milestones"), VALUE("value"), SUPPORT("support"),
		SENTIMENT("sentiment");

		private final String key;

		Name(String key) {
			this.key = key;
		}

		String key() {
			return key;
		}
	}

	/** A message key and its arguments. */
	record Text(String key, List<Object> args) {
		static Text of(String key, Object... args) {
			return new Text(key, List.of(args));
		}
	}

	boolean hasData() {
		return score != null;
	}
}
