-- automation: what each time-based rule has already acted on. A sweep re-finds every standing match (an
-- overdue milestone stays overdue for weeks); remembering (rule, account, occurrence) once its actions ran
-- lets the next sweep skip it before the contact, CSM and action work instead of handing it to every action
-- again to be dropped by that action's key. The occurrence names the occasion ('day-7', 'item-<id>',
-- 'cadence-<contact>-<due date>'), so a new occasion of the same rule is a new row.
create table automation_rule_acted (
  rule_code  text not null,
  account_id uuid not null,
  occurrence text not null,
  acted_on   date not null,
  primary key (rule_code, account_id, occurrence)
);
