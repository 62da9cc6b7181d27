-- AUTO-1: surveys sent by automation rules (CSAT after the kickoff, NPS…). The token in the
-- link is the proof on the public answer page; one answer per request.
create table survey_request (
  id             uuid primary key,
  uniqueness_key text not null unique,
  token          text not null unique,
  account_id     uuid not null,
  kind           text not null check (kind in ('CSAT','NPS')),
  recipient      text not null,
  language       text not null,
  created_at     timestamptz not null,
  answered_at    timestamptz,
  score          int,
  comment        text
);
create index survey_request_account_idx on survey_request (account_id, created_at);
