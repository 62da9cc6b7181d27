package com.onward.playbook;

/** What a plan item is: a milestone, a task, or a stage deliverable (PLAN-7). */
public enum ItemKind {
	MILESTONE, TASK, DELIVERABLE
}
