-- ANL-1: first value and go-live per onboarding, kept by the analytics module. One row per
-- project (id = the project's id), and one per past onboarding imported with the history CSV
-- (no project). first_value_date is a person's override when set, else the first success
-- criterion met; recomputed from success-plan and milestone events, and in full on demand.
create table onboarding_outcome (
  id                   uuid primary key,
  project_id           uuid unique,
  account_id           uuid not null,
  signed_on            date not null,
  derived_first_value  date,
  override_first_value date,
  override_note        text,
  override_by          text,
  override_at          timestamptz,
  first_value_date     date generated always as (coalesce(override_first_value, derived_first_value)) stored,
  go_live_date         date,
  source               text not null check (source in ('PROJECT','IMPORT')),
  updated_at           timestamptz not null
);
create index onboarding_outcome_account_idx on onboarding_outcome (account_id, signed_on);
create index onboarding_outcome_signed_idx on onboarding_outcome (signed_on);

-- Published by analytics: a project's first value and go-live, for the project API and pages.
create view analytics_first_value_v as
select o.project_id, o.account_id, o.signed_on, o.first_value_date, o.first_value_date - o.signed_on as ttv_days,
       o.derived_first_value, o.override_first_value is not null as overridden, o.override_note, o.override_by,
       o.override_at, o.go_live_date, o.go_live_date - o.signed_on as go_live_days
from onboarding_outcome o
where o.project_id is not null;

-- Backfill what existed before this table.
insert into onboarding_outcome (id, project_id, account_id, signed_on, derived_first_value, go_live_date, source, updated_at)
select p.project_id, p.project_id, p.account_id, p.start_date,
       (select min(c.met_on) from success_criterion_v c where c.project_id = p.project_id),
       p.go_live_date, 'PROJECT', now()
from onboarding_project_v p;

-- ANL-7: retrospective notes per month.
create table analytics_review_note (
  id         uuid primary key,
  month      date not null, -- first day of the month reviewed
  note       text not null,
  author     text not null,
  created_at timestamptz not null
);
create index analytics_review_note_month_idx on analytics_review_note (month, created_at);
