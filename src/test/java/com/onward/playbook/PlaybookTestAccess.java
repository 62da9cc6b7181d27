package com.onward.playbook;

import java.util.List;
import java.util.Map;

/** Lets tests in other packages reach the playbook's package-private cycle check. */
public final class PlaybookTestAccess {

	private PlaybookTestAccess() {
	}

	public static String findCycle(Map<String, List<String>> deps) {
		return PlaybookDefinition.findCycle(deps);
	}
}
