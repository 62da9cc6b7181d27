-- VAL-1: success criteria per project, from the kickoff or prefilled from the sales handoff.
create table success_criterion (
  id              uuid primary key,
  project_id      uuid not null,
  account_id      uuid not null,
  use_case        text not null,
  kpi             text not null,
  unit            text,
  kind            text not null check (kind in ('QUANTITATIVE','QUALITATIVE')),
  baseline        numeric(18,4),
  target          numeric(18,4),
  deadline        date,
  evidence_method text,
  source          text not null default 'KICKOFF' check (source in ('KICKOFF','SALES_HANDOFF')),
  met_on          date,  -- first day a measurement reached the target (or the customer confirmed a qualitative one)
  created_by      text not null,
  created_at      timestamptz not null,
  check (kind = 'QUALITATIVE' or (baseline is not null and target is not null and baseline <> target))
);
create index success_criterion_project_idx on success_criterion (project_id, created_at);
create index success_criterion_account_idx on success_criterion (account_id);

-- VAL-2: measurements over time (proxy metrics allowed: say so in the note).
create table measurement (
  id           uuid primary key,
  criterion_id uuid not null references success_criterion (id) on delete cascade,
  measured_on  date not null,
  value        numeric(18,4) not null,
  sample_size  int check (sample_size > 0),
  note         text,
  recorded_by  text not null,
  created_at   timestamptz not null
);
create index measurement_criterion_idx on measurement (criterion_id, measured_on, created_at);

-- VAL-3: the customer confirms the value, with a quote and evidence (links and files).
create table value_confirmation (
  id           uuid primary key,
  criterion_id uuid not null references success_criterion (id) on delete cascade,
  confirmed_by text not null,
  quote        text not null,
  evidence     jsonb not null default '[]', -- links: [{"name": "...", "url": "..."}]
  confirmed_on date not null,
  recorded_by  text not null,
  created_at   timestamptz not null
);
create index value_confirmation_criterion_idx on value_confirmation (criterion_id);

create table evidence_file (
  id              uuid primary key,
  confirmation_id uuid not null references value_confirmation (id) on delete cascade,
  filename        text not null,
  content_type    text not null,
  size            int not null,
  data            bytea not null,
  created_at      timestamptz not null
);
create index evidence_file_confirmation_idx on evidence_file (confirmation_id);

-- VAL-4: quick wins at 30, 60 and 90 days.
create table quick_win (
  id              uuid primary key,
  project_id      uuid not null,
  horizon_days    int not null check (horizon_days in (30, 60, 90)),
  title           text,          -- null: the default title of its horizon, shown in each language
  owner           text,
  target_date     date not null,
  measured_impact text,
  status          text not null check (status in ('PLANNED','ACHIEVED','MISSED')),
  communicated    boolean not null default false,
  created_at      timestamptz not null
);
create index quick_win_project_idx on quick_win (project_id, horizon_days);
