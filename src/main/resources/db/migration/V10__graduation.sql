-- GRD-2: every scorecard given for a project, with its verdict and the blockers at the time.
create table scorecard (
  id          uuid primary key,
  project_id  uuid not null,
  technical   numeric(4,2) not null check (technical between 0 and 10),
  knowledge   numeric(4,2) not null check (knowledge between 0 and 10),
  adoption    numeric(4,2) not null check (adoption between 0 and 10),
  value       numeric(4,2) not null check (value between 0 and 10),
  stakeholder numeric(4,2) not null check (stakeholder between 0 and 10),
  total       numeric(5,3) not null,
  verdict     text not null check (verdict in ('READY','CLOSE','NOT_READY')),
  blockers    jsonb not null default '[]',
  note        text,
  created_by  text not null,
  created_at  timestamptz not null
);
create index scorecard_project_idx on scorecard (project_id, created_at);

-- GRD-1: the completion checklist per project, each criterion with its verification evidence.
create table graduation_check (
  project_id   uuid not null,
  item         text not null,
  done         boolean not null,
  evidence_url text,
  updated_by   text not null,
  updated_at   timestamptz not null,
  primary key (project_id, item)
);
