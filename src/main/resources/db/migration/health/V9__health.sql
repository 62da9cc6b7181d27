-- HLT-1: each account's current health score with its explained components, and one row
-- per account and day as history (the trend chart and "what changed since last week").
create table health_score (
  account_id  uuid primary key,
  as_of       date not null,
  score       int check (score between 0 and 100), -- null: no component has data yet
  band        text not null check (band in ('GREEN','YELLOW','RED','NO_DATA')),
  components  jsonb not null,
  indicators  jsonb not null default '[]', -- the leading indicators (HLT-3) as of this score
  computed_at timestamptz not null
);
create index health_score_band_idx on health_score (band);

create table health_history (
  account_id uuid not null,
  day        date not null,
  score      int,
  band       text not null,
  components jsonb not null,
  primary key (account_id, day)
);

-- Accounts whose inputs changed since their last score (usage, items, contacts): refreshed
-- by a frequent job so flags are raised and cleared within minutes, not at the nightly run.
create table health_stale (
  account_id uuid primary key,
  since      timestamptz not null
);

-- HLT-2/3: red flags and early warnings, raised and cleared by the rules as data changes.
-- The evidence is kept as message arguments so it reads in each user's language.
create table red_flag (
  id            uuid primary key,
  account_id    uuid not null,
  project_id    uuid,
  category      text not null check (category in ('STAKEHOLDER_ENGAGEMENT','TECHNICAL','USER_ADOPTION',
                  'BUSINESS_OUTCOME','RELATIONSHIP')),
  code          text not null,
  evidence_args jsonb not null default '[]',
  raised_at     timestamptz not null,
  cleared_at    timestamptz,
  -- HEALTH: raised and cleared by the health rules as the data changes; AUTOMATION: raised by an
  -- automation rule for human follow-up, open until a person resolves it.
  source        text not null default 'HEALTH' check (source in ('HEALTH','AUTOMATION')),
  cleared_by    text
);
create unique index red_flag_open_idx on red_flag (account_id, code) where cleared_at is null;
create index red_flag_open_category_idx on red_flag (category, raised_at) where cleared_at is null;
create index red_flag_account_idx on red_flag (account_id, raised_at);

-- HLT-4: a corrective action opened from a red flag, following the problem type's playbook.
create table corrective_action (
  id          uuid primary key,
  account_id  uuid not null,
  project_id  uuid,
  flag_id     uuid references red_flag (id),
  problem     text not null check (problem in ('LOW_ENGAGEMENT','TECHNICAL_ISSUES','LAGGING_ADOPTION',
                'DELAYED_OUTCOMES','RELATIONSHIP_STRAIN')),
  owner       text not null,
  due_date    date not null,
  status      text not null check (status in ('OPEN','DONE','CANCELLED')),
  note        text,
  created_by  text not null,
  created_at  timestamptz not null,
  closed_at   timestamptz
);
create index corrective_action_account_idx on corrective_action (account_id, created_at);

-- HLT-6: the risk register per project, with every review kept.
create table risk (
  id          uuid primary key,
  project_id  uuid not null,
  position    int not null,
  code        text,            -- the default risks' code; null for risks added by hand
  title       text,            -- for risks added by hand (defaults are titled in each language)
  probability int not null check (probability between 1 and 5),
  impact      int not null check (impact between 1 and 5),
  mitigation  text,
  owner       text,
  status      text not null check (status in ('OPEN','MITIGATING','CLOSED','OCCURRED')),
  created_at  timestamptz not null,
  unique (project_id, code)
);
create index risk_project_idx on risk (project_id, position);

create table risk_review (
  id          bigserial primary key,
  risk_id     uuid not null references risk (id) on delete cascade,
  at          timestamptz not null,
  actor       text not null,
  probability int not null,
  impact      int not null,
  status      text not null,
  mitigation  text,
  owner       text,
  note        text
);
create index risk_review_risk_idx on risk_review (risk_id, at);
