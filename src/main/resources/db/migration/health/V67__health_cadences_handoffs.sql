-- What health scores from automation and graduation, kept in health's own tables: automation (which
-- detects missed stakeholder cadences in its sweep) and graduation (which opens and completes handoffs)
-- hand these facts to health through its API, so health never reads their tables and the data flows one
-- way, as the module dependencies do (automation -> health, graduation -> health).

-- Stakeholder cadences past due (PPL-3), as automation last detected them.
create table health_missed_cadence (
  contact_id  uuid not null,
  due_on      date not null,
  account_id  uuid not null,
  role        text not null,
  name        text not null,
  primary key (contact_id, due_on)
);
create index health_missed_cadence_account_idx on health_missed_cadence (account_id);

insert into health_missed_cadence (contact_id, due_on, account_id, role, name)
select contact_id, due_on, account_id, role, name from missed_cadence;

-- Handoffs with their due time; one is overdue while it is not completed after its due time.
create table health_handoff (
  handoff_id   uuid primary key,
  account_id   uuid not null,
  due_at       timestamptz not null,
  completed_at timestamptz
);
create index health_handoff_open_idx on health_handoff (account_id) where completed_at is null;

insert into health_handoff (handoff_id, account_id, due_at, completed_at)
select id, account_id, due_at, completed_at from handoff;
