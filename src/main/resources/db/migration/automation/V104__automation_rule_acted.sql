-- automation: what each time-based rule has already acted on. A sweep re-finds every standing match (an
-- overdue milestone stays overdue for weeks); remembering (rule, account, occurrence) once its actions ran
-- lets the next sweep skip it before the contact, CSM and action work instead of handing it to every action
-- again to be dropped by that action's key. The occurrence names the occasion ('day-7', 'item-<id>',
-- 'cadence-<contact>-<due date>'), so a new occasion of the same rule is a new row.
--
-- Written in bulk (a first sweep at 100,000 accounts remembers some 365,000 occasions) and read a rule at a
-- time, whole: no unique index (a row is only written for a hit the same transaction found unremembered, under
-- the sweep's lock; it cost five times the insert), and a block-range index on the rule, whose rows arrive
-- together.
create table automation_rule_acted (
  rule_code  text not null,
  account_id uuid not null,
  occurrence text not null,
  acted_on   date not null
);
create index automation_rule_acted_rule_idx on automation_rule_acted using brin (rule_code);
