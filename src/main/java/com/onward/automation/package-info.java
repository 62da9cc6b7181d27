/**
 * Automation (AUTO-1, AUTO-2; first part of issue 4): rules with editable parameters and the
 * sweep that evaluates the time-based ones with one set-based query per rule. Every action goes
 * through the messaging outbox with a key per (rule, account, occurrence), so a sweep can run any
 * number of times — and on several instances — and each message still exists once.
 */
package com.onward.automation;
