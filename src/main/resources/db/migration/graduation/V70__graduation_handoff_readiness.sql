-- The structured sales → CS handoff form of a project: what sales learnt, required before the kickoff
-- milestone can be completed (the fields a project needs are configured in onward.graduation.handoff).
create table handoff_form (
  project_id            uuid primary key,
  account_id            uuid not null,
  use_case              text,
  business_problem      text,
  success_criteria      text,
  timeline_expectations text,
  stakeholders          text,
  promises_made         text,
  risks                 text,
  dependencies          text,
  updated_by            text not null,
  updated_at            timestamptz not null
);
create index handoff_form_account_idx on handoff_form (account_id);

-- Expansion opportunities noticed during onboarding; carried in the graduation handoff package.
create table expansion_opportunity (
  id            uuid primary key,
  project_id    uuid not null,
  account_id    uuid not null,
  description   text not null,
  estimated_acv numeric(14,2),
  status        text not null default 'OPEN' check (status in ('OPEN','WON','LOST')),
  recorded_by   text not null,
  recorded_at   timestamptz not null,
  closed_by     text,
  closed_at     timestamptz,
  outcome       text
);
create index expansion_opportunity_project_idx on expansion_opportunity (project_id, recorded_at);
create index expansion_opportunity_account_idx on expansion_opportunity (account_id);

-- The go-live readiness checklist: every configured item must be done before the go-live milestone.
create table go_live_check (
  project_id uuid not null,
  item       text not null,
  done       boolean not null,
  note       text,
  updated_by text not null,
  updated_at timestamptz not null,
  primary key (project_id, item)
);

-- Hypercare windows, written when the go-live milestone is completed (so the portfolio can list them).
create table hypercare_window (
  project_id uuid primary key,
  account_id uuid not null,
  starts_on  date not null,
  ends_on    date not null
);
create index hypercare_window_account_idx on hypercare_window (account_id);

insert into hypercare_window (project_id, account_id, starts_on, ends_on)
select p.id, p.account_id, i.completed_on, i.completed_on + 13
from project_item i join project p on p.id = i.project_id
where i.go_live and i.status = 'DONE' and i.completed_on is not null
on conflict (project_id) do nothing;

-- The review decks generated for a completion review or a quarterly business review (the PDF kept as
-- sent, in the account's language).
create table review_deck (
  id           uuid primary key,
  project_id   uuid not null,
  account_id   uuid not null,
  kind         text not null check (kind in ('COMPLETION_REVIEW','QBR')),
  language     text not null,
  pdf          bytea not null,
  generated_by text not null,
  generated_at timestamptz not null
);
create index review_deck_project_idx on review_deck (project_id, generated_at);

-- graduation: each project's hypercare window with its open issues (and the earliest resolution target
-- among them), for the portfolio.
create view graduation_hypercare_v as
select w.project_id, w.account_id, w.starts_on, w.ends_on,
       count(i.id) filter (where i.resolved_at is null) as open_issues,
       min(i.resolve_by) filter (where i.resolved_at is null) as next_resolve_by
from hypercare_window w
left join project_issue i on i.project_id = w.project_id and i.hypercare
group by w.project_id, w.account_id, w.starts_on, w.ends_on;
