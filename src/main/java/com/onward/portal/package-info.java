/**
 * The customer portal: an account's contacts sign in with an emailed,
 * single-use magic link into a session of their own (cookie on {@code /portal}), see their plan,
 * progress, homework, success criteria, training, wins, CSM and open surveys, complete homework
 * with comments and files, and answer milestone CSATs. Every portal read and every id in a portal
 * path is scoped by the signed-in contact's account in one place ({@link com.onward.portal.PortalScope}).
 * Staff invite contacts and switch access off per contact or per account.
 */
// Reads, besides the APIs: account_v, onboarding_customer_item_v, onboarding_project_v, stakeholder_contact_v, success_criterion_v,
// survey_request_v (published views; DataBoundaryTests).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"account", "graduation", "identity", "messaging", "onboarding", "playbook", "shared",
		"stakeholder", "success", "survey", "team", "training" })
package com.onward.portal;
