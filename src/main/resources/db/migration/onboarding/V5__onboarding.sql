create table project (
  id                     uuid primary key,
  account_id             uuid not null,
  contract_id            uuid,
  playbook_id            uuid not null,
  playbook_name          jsonb not null,
  status                 text not null check (status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD','COMPLETED','CANCELLED')),
  start_date             date not null,
  target_graduation_date date not null,  -- the plan when the project was created (with factors)
  forecast_graduation_date date not null, -- moves as items slip or finish early
  progress_percent       int not null default 0,
  factors                jsonb not null default '{}',
  -- Derived from the items on every save so the portfolio can filter 10k projects without
  -- reading their items: the phase now in progress and the earliest due date still open.
  current_phase_pos      int,
  current_phase_name     jsonb,
  min_open_due           date,
  created_at             timestamptz not null,
  completed_at           timestamptz
);
create index project_account_idx on project (account_id);
create index project_status_idx on project (status);
create index project_min_open_due_idx on project (min_open_due);

create table project_phase (
  id          uuid primary key,
  project_id  uuid not null references project (id) on delete cascade,
  position    int not null,
  key         text not null,
  name        jsonb not null,
  unique (project_id, position)
);

create table project_item (
  id               uuid primary key,
  project_id       uuid not null references project (id) on delete cascade,
  phase_id         uuid not null references project_phase (id) on delete cascade,
  position         int not null,
  key              text not null,
  kind             text not null check (kind in ('MILESTONE','TASK','DELIVERABLE')),
  name             jsonb not null,
  owner_role       text not null,
  customer_homework boolean not null default false,
  go_live          boolean not null default false,
  scope_tag        text check (scope_tag in ('PHASE_1','PHASE_2')),
  planned_start    date not null,  -- baseline with factors
  planned_due      date not null,
  start_date       date not null,  -- forecast
  due_date         date not null,
  duration_days    int not null check (duration_days >= 1),
  lag_days         int not null default 0,
  depends_on       uuid[] not null default '{}', -- from the playbook; start = latest end + 1 + lag_days
  extra_depends_on uuid[] not null default '{}', -- added by scope changes, no lag
  factor_shift     jsonb not null default '{}', -- days each customisation factor added to the due date
  status           text not null check (status in ('NOT_STARTED','IN_PROGRESS','BLOCKED','DONE','SKIPPED')),
  assignee         text,
  completed_on     date,
  notes            text,
  unique (project_id, key)
);
create index project_item_project_idx on project_item (project_id, position);
create index project_item_open_due_idx on project_item (due_date) where status not in ('DONE','SKIPPED');

-- PLAN-6: every proposed scope change with its measured impact on go-live; kept as history.
create table scope_change (
  id                 uuid primary key,
  project_id         uuid not null references project (id) on delete cascade,
  name               text not null,
  scope_tag          text not null check (scope_tag in ('PHASE_1','PHASE_2')),
  phase_id           uuid not null references project_phase (id),
  duration_days      int not null,
  owner_role         text not null,
  depends_on         uuid[] not null default '{}',
  go_live_before     date,
  go_live_after      date,
  graduation_before  date not null,
  graduation_after   date not null,
  status             text not null check (status in ('PROPOSED','ACCEPTED','REJECTED')),
  item_id            uuid,
  requested_by       text not null,
  requested_at       timestamptz not null,
  decided_by         text,
  decided_at         timestamptz,
  reason             text
);
create index scope_change_project_idx on scope_change (project_id, requested_at);
