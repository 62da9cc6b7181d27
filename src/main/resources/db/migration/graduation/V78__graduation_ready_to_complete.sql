-- Tech-touch completion: a yes to the day-30 goal survey on a project of a configured segment waits here
-- (AWAITING_READY) until its scorecard is READY, then is LISTED for a person to review: approving graduates
-- the project, dismissing keeps it in onboarding. Nothing completes silently.
create table graduation_ready_review (
  project_id   uuid primary key,
  account_id   uuid not null,
  survey_id    uuid not null,
  answered_on  date not null,
  comment      text,
  status       text not null check (status in ('AWAITING_READY','LISTED','APPROVED','DISMISSED')),
  scorecard_id uuid,
  total        numeric(4,2),
  listed_at    timestamptz,
  decided_by   text,
  decided_at   timestamptz,
  note         text,
  created_at   timestamptz not null
);
create index graduation_ready_review_status_idx on graduation_ready_review (status);
