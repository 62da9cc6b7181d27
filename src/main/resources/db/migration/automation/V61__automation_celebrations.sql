-- Celebrate milestones with the customer: each completed milestone (the kickoff has its own
-- summary) is emailed once, in the customer's language; the daily cap holds celebrations back
-- before anything more urgent.
insert into automation_rule (code, position, kind, trigger, template, actions, conditions, params) values
  ('MILESTONE_CELEBRATION', 75, 'EVENT', 'MILESTONE_REACHED', 'milestone-reached', '{SEND_MESSAGE}', '{}', '{}')
on conflict (code) do nothing;
