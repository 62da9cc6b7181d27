-- The kickoff's CSAT now comes from the playbook: each milestone has a CSAT flag (kickoff, go-live
-- and graduation milestones ask by default), so the shipped KICKOFF_SURVEY rule would ask a second
-- time. It is switched off unless an admin has changed it; it stays available to switch back on.
update automation_rule set enabled = false where code = 'KICKOFF_SURVEY' and updated_by is null;
