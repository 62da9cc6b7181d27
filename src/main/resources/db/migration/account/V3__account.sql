create table account (
  id                   uuid primary key,
  external_id          text unique,
  name                 text not null,
  industry             text,
  employees            int not null check (employees >= 0),
  acv_amount           numeric(14,2) not null check (acv_amount >= 0),
  acv_currency         text not null,
  technical            boolean not null default false,
  use_case             text,
  product_type         text not null check (product_type in ('DAILY','WEEKLY','PERIODIC')),
  licensed_seats       int not null default 0 check (licensed_seats >= 0),
  language             text not null default 'en' check (language in ('en','id','ms')),
  contract_signed_date date,
  renewal_date         date,
  owner_csm_id         uuid,
  status               text not null default 'ONBOARDING' check (status in ('ONBOARDING','GRADUATED','STEADY_STATE','CHURNED')),
  segment              text not null check (segment in ('ENTERPRISE','MID_MARKET','SMB')),
  touch_model          text not null check (touch_model in ('HIGH_TOUCH','LOW_TOUCH','TECH_TOUCH')),
  segment_overridden   boolean not null default false,
  current_project_id   uuid, -- the latest onboarding project (owned by the onboarding module)
  created_at           timestamptz not null
);
create index account_name_order_idx on account (name, id);
create index account_segment_idx on account (segment, name, id);
create index account_name_search_idx on account (lower(name) text_pattern_ops);

-- Every segment change with its reason (ACC-2 manual override).
create table segment_change (
  id           bigserial primary key,
  account_id   uuid not null references account (id),
  at           timestamptz not null,
  actor        text not null,
  from_segment text,
  to_segment   text not null,
  reason       text not null
);
create index segment_change_account_idx on segment_change (account_id, at);

-- A signed contract; external_id makes re-sends idempotent (ACC-4).
create table contract (
  id           uuid primary key,
  external_id  text not null unique,
  account_id   uuid not null references account (id),
  signed_at    timestamptz not null,
  acv_amount   numeric(14,2) not null,
  acv_currency text not null,
  project_id   uuid not null,
  factors      jsonb not null default '{}',
  source       text not null,
  created_at   timestamptz not null
);
create index contract_account_idx on contract (account_id);
