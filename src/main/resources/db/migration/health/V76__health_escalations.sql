-- HLT-2 "escalation to executives": a customer took an issue over the team's head to an executive
-- (theirs or ours). Recorded by the CSM; the red flag stays open until the escalation is resolved.
create table health_escalation (
  id            uuid primary key,
  account_id    uuid not null,
  raised_by     text not null,
  escalated_to  text not null,
  summary       text not null,
  occurred_on   date not null,
  recorded_at   timestamptz not null,
  recorded_by   text,
  resolved_on   date,
  resolution    text
);
create index health_escalation_open_idx on health_escalation (account_id) where resolved_on is null;
