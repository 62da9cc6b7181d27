/**
 * Team: vendor staff with their role, the segments they serve and their
 * capacity in active onboardings; utilisation; automatic assignment of an implementation
 * specialist and a CSM to every new project by segment and spare capacity, flagging
 * over-capacity instead of overloading silently; reassignment; hours per week per role.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared" })
package com.onward.team;
