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

-- GRD-5: extensions as first-class records; beyond the cap they wait for a CS manager's decision.
create table extension (
  id              uuid primary key,
  project_id      uuid not null,
  reason          text not null,
  must_happen     text not null,
  previous_target date not null,
  new_target      date not null,
  days            int not null check (days > 0),
  check_in        text not null check (check_in in ('DAILY','TWICE_WEEKLY','WEEKLY')),
  informed        text not null,
  status          text not null check (status in ('ACTIVE','ESCALATED','APPROVED','REJECTED')),
  message         text not null,  -- the seeds' extension message, rendered in the account's language
  decided_by      text,
  decided_at      timestamptz,
  decision_note   text,
  created_by      text not null,
  created_at      timestamptz not null
);
create index extension_project_idx on extension (project_id, created_at);

-- GRD-6: a recovery plan for a project 30+ days past its target.
create table recovery_plan (
  id                     uuid primary key,
  project_id             uuid not null,
  root_cause             text not null check (root_cause in ('CUSTOMER','VENDOR','EXTERNAL')),
  root_cause_detail      text not null,
  revised_target         date not null,
  reduced_scope          text,
  intensity              text not null,
  minimum_viable_success text not null,
  created_by             text not null,
  created_at             timestamptz not null
);
create index recovery_plan_project_idx on recovery_plan (project_id, created_at);

-- PPL-6: handoffs with due dates (sales → CS within 24 h of signature; implementation → CSM after
-- go-live; onboarding CSM → ongoing CSM at graduation, with its context package).
create table handoff (
  id           uuid primary key,
  project_id   uuid not null,
  account_id   uuid not null,
  kind         text not null check (kind in ('SALES_TO_CS','IMPLEMENTATION_TO_CSM','ONBOARDING_TO_ONGOING')),
  due_at       timestamptz not null,
  to_owner     text,
  context      jsonb not null default '{}',
  notes        text,
  completed_at timestamptz,
  completed_by text,
  created_at   timestamptz not null,
  unique (project_id, kind)
);
create index handoff_open_idx on handoff (due_at) where completed_at is null;

-- GRD-4: the completion review meeting and what it decided.
create table completion_review (
  project_id        uuid primary key,
  scheduled_on      date not null,
  customer_signoff  boolean not null default false,
  signed_off_by     text,
  transition_plan   text,
  documentation_url text,
  recorded_by       text not null,
  recorded_at       timestamptz not null
);

-- GRD-7: the graduation itself: when (day of onboarding, too early/late), the celebration message
-- with the achievements computed from the data, the testimonial request and the steady-state cadence.
create table graduation (
  project_id            uuid primary key,
  graduated_on          date not null,
  onboarding_day        int not null,
  timing                text not null check (timing in ('TOO_EARLY','ON_TIME','TOO_LATE')),
  achievements          jsonb not null,
  celebration_subject   text not null,
  celebration_body      text not null,
  testimonial_requested boolean not null,
  cadence               jsonb not null,
  ongoing_csm           text,
  graduated_by          text not null,
  graduated_at          timestamptz not null
);
