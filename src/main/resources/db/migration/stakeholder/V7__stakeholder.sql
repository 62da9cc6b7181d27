create table contact (
  id               uuid primary key,
  account_id       uuid not null,
  name             text not null,
  email            text,
  phone            text,
  title            text,
  role             text not null check (role in ('EXECUTIVE_SPONSOR','PROJECT_LEAD','TECHNICAL_LEAD','SME','CHAMPION','END_USER')),
  engagement       text not null default 'UNKNOWN' check (engagement in ('HIGH','MEDIUM','LOW','UNKNOWN')),
  sentiment        text not null default 'UNKNOWN' check (sentiment in ('POSITIVE','NEUTRAL','NEGATIVE','UNKNOWN')),
  last_contact_on  date,
  created_at       timestamptz not null
);
create index contact_account_idx on contact (account_id);

-- PPL-4: one cell per (project, phase, role): R, A, C or I.
create table raci_cell (
  project_id  uuid not null,
  phase_key   text not null,
  phase_pos   int not null,
  phase_name  jsonb not null,
  role        text not null,
  value       text not null check (value in ('R','A','C','I')),
  primary key (project_id, phase_key, role)
);
