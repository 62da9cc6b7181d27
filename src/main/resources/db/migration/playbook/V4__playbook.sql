-- A playbook version is an immutable document (phases -> milestones, tasks, deliverables).
-- Editing creates the next version of the same family; projects point at the version they
-- started from, so a running project never changes under its team (PLAN-1).
create table playbook (
  id           uuid primary key,
  family       text not null,
  version      int not null,
  segment      text check (segment in ('ENTERPRISE','MID_MARKET','SMB')),
  name         jsonb not null,
  description  jsonb,
  definition   jsonb not null,
  created_by   text not null,
  created_at   timestamptz not null,
  unique (family, version)
);
create index playbook_family_idx on playbook (family, version desc);
