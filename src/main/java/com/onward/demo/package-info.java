/**
 * Demo data: on first start with an empty database (and {@code onward.demo.enabled=true}),
 * a believable vendor — staff of every role, a team with capacities, and accounts in all
 * three segments at every stage of onboarding, some on track and some slipping — so that
 * a new user sees a living portfolio at once. Everything is created through the modules'
 * public APIs, exactly as a real contract would be.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "analytics", "graduation", "health", "identity", "onboarding", "shared", "stakeholder",
		"success", "team", "training", "usage" })
package com.onward.demo;
