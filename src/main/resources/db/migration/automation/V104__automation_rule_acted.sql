-- automation: what each time-based rule has already acted on. A sweep re-finds every standing match (an
-- overdue milestone stays overdue for weeks); remembering (rule, account, occurrence) once its actions ran
-- lets the next sweep skip it before the contact, CSM and action work instead of handing it to every action
-- again to be dropped by that action's key. The occurrence names the occasion ('day-7', 'item-<id>',
-- 'cadence-<contact>-<due date>'), so a new occasion of the same rule is a new row. Rows of occasions that ended
-- are deleted by the day's first sweep, so the table holds what still stands.
--
-- Written in bulk (a first sweep at 100,000 accounts remembers some 465,000 occasions) and read a rule at a
-- time: no unique index (a row is only written for a hit the same transaction found unremembered, under the
-- sweep's lock; a unique index doubled the cost of the writes), and an index on the account, so a sweep that
-- checks its matches one by one (as the planner may, just after a rule's first occasions were written) finds
-- each account's few rows at once. It also serves the account's export and deletion.
create table automation_rule_acted (
  rule_code  text not null,
  account_id uuid not null,
  occurrence text not null,
  acted_on   date not null
);
create index automation_rule_acted_account_idx on automation_rule_acted (account_id);
