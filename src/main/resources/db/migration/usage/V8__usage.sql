-- ADO-1: raw product-usage events, one partition per month (created ahead by the app,
-- dropped after the raw retention). Metrics never read this table: they read the rollups below.
create table usage_event (
  account_id  uuid not null,
  user_id     text not null,
  type        text not null,
  feature     text,
  occurred_at timestamptz not null,
  event_id    text,         -- the sender's id, deduplicated through usage_event_key
  properties  jsonb,
  received_at timestamptz not null
) partition by range (occurred_at);
-- No index: nothing reads raw events by key (metrics read rollups), and every index slows ingestion.

-- Per-event ids and Idempotency-Keys already seen, kept at least onward.usage.dedup-retention.
create table usage_event_key (
  event_id    text primary key,
  received_at timestamptz not null
);
create index usage_event_key_received_idx on usage_event_key (received_at);

create table usage_batch_key (
  idempotency_key text primary key,
  events          int not null,
  received_at     timestamptz not null
);
create index usage_batch_key_received_idx on usage_batch_key (received_at);

-- Rollup per account, user and day (in onward.time-zone), maintained as events arrive.
create table usage_user_day (
  account_id uuid not null,
  user_id    text not null,
  day        date not null,
  events     int not null,
  logins     int not null,
  primary key (account_id, day, user_id)
);

-- Rollup per account and user: first and last activity, for activation, low adopters and champions.
create table usage_user (
  account_id   uuid not null,
  user_id      text not null,
  first_seen   timestamptz not null,
  first_login  timestamptz,
  last_seen    timestamptz not null,
  events       bigint not null,
  logins       bigint not null,
  primary key (account_id, user_id)
);

-- Rollup per account and feature: when it was first and last used and how much.
create table usage_feature (
  account_id uuid not null,
  feature    text not null,
  first_used timestamptz not null,
  last_used  timestamptz not null,
  uses       bigint not null,
  primary key (account_id, feature)
);

-- The vendor's feature catalogue (ADO-2): every feature key seen is listed; the vendor marks
-- the core ones. Until any is marked, the most used features stand in (onward.adoption.core-features).
create table feature (
  key        text primary key,
  name       text,
  core       boolean not null default false,
  first_seen timestamptz not null
);

-- VAL-5: the first occurrence of each early win per account, detected once.
create table early_win (
  account_id  uuid not null,
  kind        text not null check (kind in ('FIRST_LOGIN','FIRST_USER_INVITED','FIRST_DATA_IMPORT',
                'FIRST_INTEGRATION_CONNECTED','FIRST_WORKFLOW_CREATED','FIRST_REPORT_GENERATED')),
  occurred_at timestamptz not null,
  user_id     text not null,
  primary key (account_id, kind)
);

-- Ingestion-only API tokens (PLT-4): a token's scope limits what it can call at all.
alter table api_token add column scope text not null default 'FULL' check (scope in ('FULL','INGEST'));

-- ShedLock: scheduled jobs take a lock row so each runs once across instances (PLT-5).
create table shedlock (
  name       varchar(64) primary key,
  lock_until timestamptz not null,
  locked_at  timestamptz not null,
  locked_by  varchar(255) not null
);
