-- AUTO-1/2: rules of trigger → conditions → actions. EVENT rules react to domain events, SWEEP
-- rules are time conditions evaluated by the sweep with set-based SQL. The shipped rules are the
-- defaults of AUTO-2 (plus the time conditions of AUTO-1); thresholds live in params, editable.
create table automation_rule (
  code       text primary key,
  position   int not null,
  kind       text not null check (kind in ('SWEEP','EVENT')),
  trigger    text not null,
  template   text,            -- the message of SEND_MESSAGE / SEND_INVITE
  actions    text[] not null,
  conditions jsonb not null default '{}', -- segments, touchModels, healthBands, languages, minDay, maxDay
  params     jsonb not null default '{}', -- days, sequence, status, ...
  enabled    boolean not null default true,
  updated_by text,
  updated_at timestamptz
);
insert into automation_rule (code, position, kind, trigger, template, actions, conditions, params) values
  ('WELCOME', 10, 'EVENT', 'CONTRACT_SIGNED', 'welcome', '{SEND_MESSAGE}', '{}', '{}'),
  ('KICKOFF_INVITE', 20, 'EVENT', 'CONTRACT_SIGNED', 'kickoff-confirmation', '{SEND_INVITE}', '{}',
     '{"days": 2, "hour": 10, "minutes": 60}'),
  ('SMB_WELCOME_SERIES', 30, 'EVENT', 'CONTRACT_SIGNED', null, '{START_SEQUENCE}', '{"segments": ["SMB"]}',
     '{"sequence": "smb-welcome", "from": "PROJECT_START"}'),
  ('KICKOFF_COMPLETED', 40, 'EVENT', 'KICKOFF_COMPLETED', 'kickoff-summary', '{SEND_MESSAGE,START_SEQUENCE,CHANGE_STATUS}', '{}',
     '{"sequence": "weekly-check-in", "status": "IN_PROGRESS"}'),
  ('KICKOFF_SURVEY', 45, 'EVENT', 'KICKOFF_COMPLETED', null, '{SEND_SURVEY}', '{}', '{"survey": "CSAT"}'),
  ('NO_LOGIN_AFTER_ACCESS', 50, 'SWEEP', 'NO_LOGIN_AFTER_ACCESS', 're-engagement', '{SEND_MESSAGE,RAISE_FLAG,CREATE_TASK,NOTIFY_CSM}',
     '{}', '{"days": 7, "flagCategory": "USER_ADOPTION"}'),
  ('TRAINING_COMPLETED', 60, 'EVENT', 'TRAINING_MODULE_COMPLETED', 'training-congratulations', '{SEND_MESSAGE}', '{}', '{}'),
  ('SUCCESS_CRITERION_MET', 70, 'EVENT', 'SUCCESS_CRITERION_MET', 'milestone-celebration', '{SEND_MESSAGE,CREATE_TASK,NOTIFY_CSM}',
     '{}', '{}'),
  ('TECH_TOUCH_NO_RECENT_LOGIN', 80, 'SWEEP', 'NO_RECENT_LOGIN', 're-engagement', '{SEND_MESSAGE}',
     '{"touchModels": ["TECH_TOUCH"]}', '{"days": 3}'),
  ('FEATURE_UNUSED', 90, 'SWEEP', 'FEATURE_UNUSED', 'feature-how-to', '{SEND_MESSAGE}', '{}', '{"days": 14}'),
  ('WEEKLY_USAGE_SUMMARY', 100, 'SWEEP', 'WEEKLY_USAGE', 'weekly-usage-summary', '{SEND_MESSAGE}', '{}',
     '{"days": 7, "weekday": 5}'),
  ('MILESTONE_OVERDUE', 110, 'SWEEP', 'MILESTONE_OVERDUE', null, '{CREATE_TASK,NOTIFY_CSM}', '{}', '{"days": 3}'),
  ('STUCK_ON_STEP', 120, 'SWEEP', 'STUCK_ON_STEP', null, '{CREATE_TASK}', '{}', '{"days": 14}'),
  ('NO_STAKEHOLDER_CONTACT', 130, 'SWEEP', 'NO_STAKEHOLDER_CONTACT', null, '{CREATE_TASK}', '{}', '{"days": 14}'),
  ('CADENCE_DUE', 140, 'SWEEP', 'CADENCE_DUE', null, '{CREATE_TASK}', '{}', '{"days": 2}'),
  ('CADENCE_MISSED', 150, 'SWEEP', 'CADENCE_MISSED', null, '{NOTIFY_CSM}', '{}', '{"days": 3}'),
  ('AT_RISK', 160, 'EVENT', 'HEALTH_BAND_CHANGED', null, '{CREATE_TASK,NOTIFY_CSM}', '{"healthBands": ["RED"]}', '{}'),
  ('RED_FLAG_NOTICE', 170, 'EVENT', 'RED_FLAG_RAISED', null, '{NOTIFY_CSM}', '{}', '{}'),
  ('SURVEY_DETRACTOR', 180, 'EVENT', 'SURVEY_DETRACTOR', null, '{CREATE_TASK,NOTIFY_CSM,RAISE_FLAG}', '{}',
     '{"flagCategory": "RELATIONSHIP"}');
-- Off by default: contracts are staffed when signed (team module, flagged when over capacity); a
-- team that adds people later can let the sweep fill the roles nobody could take.
insert into automation_rule (code, position, kind, trigger, template, actions, conditions, params, enabled) values
  ('FILL_UNASSIGNED_ROLES', 5, 'SWEEP', 'UNASSIGNED_ROLE', null, '{ASSIGN_OWNER}', '{}', '{}', false);

-- AUTO-6: work the engine hands to a human instead of acting, once per (rule, account, occurrence).
create table automation_task (
  id             uuid primary key,
  uniqueness_key text not null unique,
  rule_code      text not null,
  account_id     uuid not null,
  project_id     uuid,
  assignee_id    uuid,            -- the account's CSM; unassigned tasks show to managers
  title_key      text not null,
  args           jsonb not null default '[]',
  due_on         date not null,
  status         text not null default 'OPEN' check (status in ('OPEN','DONE')),
  contact_id     uuid,            -- a cadence check-in: done means the contact was met
  created_at     timestamptz not null,
  done_at        timestamptz,
  done_by        text
);
create index automation_task_assignee_idx on automation_task (assignee_id, status, due_on);
create index automation_task_account_idx on automation_task (account_id, created_at);

-- AUTO-3: an account's place in a sequence; it stops when its goal is met, the customer replies
-- or unsubscribes, or by hand.
create table sequence_enrolment (
  id            uuid primary key,
  sequence_code text not null,
  account_id    uuid not null,
  started_on    date not null,
  next_step     int not null default 0,
  status        text not null default 'ACTIVE' check (status in ('ACTIVE','COMPLETED','STOPPED')),
  stop_reason   text check (stop_reason in ('GOAL_MET','REPLIED','UNSUBSCRIBED','MANUAL','PROJECT_CLOSED')),
  updated_at    timestamptz not null,
  unique (sequence_code, account_id)
);
create index sequence_enrolment_active_idx on sequence_enrolment (sequence_code) where status = 'ACTIVE';

-- PPL-3: a stakeholder cadence that was not kept (no contact by its due date plus grace). Cleared
-- when the contact is met; the health module raises CADENCE_MISSED from it.
create table missed_cadence (
  contact_id  uuid not null,
  due_on      date not null,
  account_id  uuid not null,
  role        text not null,
  name        text not null,
  detected_on date not null,
  primary key (contact_id, due_on)
);
create index missed_cadence_account_idx on missed_cadence (account_id);
