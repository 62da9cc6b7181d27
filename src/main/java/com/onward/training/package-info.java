/**
 * Training and enablement: a role-based training plan per project generated from the
 * seeds' sample schedule (scaled to the plan's length), sessions in five formats, attendance,
 * completion and assessment scores (pass at 80 %), completion and attendance rates (the health
 * module raises a flag below 70 % attendance), the content library in four levels with search
 * and recommendations, and each account's enablement level. Publishes
 * {@link com.onward.training.TrainingModuleCompleted}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "identity", "onboarding", "shared" })
package com.onward.training;
