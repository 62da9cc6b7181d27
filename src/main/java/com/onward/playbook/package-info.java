/**
 * Playbooks: versioned templates of phases with milestones, tasks and
 * deliverables, each with a day offset, duration, owner role, customer-homework flag and
 * dependencies. A version is immutable: editing saves the next version, so a running
 * project keeps the version it started from. The four default playbooks of the seeds are
 * loaded on start-up when missing.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.onward.playbook;
