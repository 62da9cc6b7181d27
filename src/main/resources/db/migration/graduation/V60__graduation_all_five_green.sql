-- All five green: the dimensions that were below the floor when a scorecard was given.
alter table scorecard add column below_floor text[] not null default '{}';

-- Problems logged on a project: data-quality and security problems block graduation while open;
-- during hypercare (the two weeks after go-live) every issue has a resolution target.
create table project_issue (
  id          uuid primary key,
  project_id  uuid not null,
  account_id  uuid not null,
  kind        text not null check (kind in ('DATA_QUALITY','SECURITY','TECHNICAL','OTHER')),
  title       text not null,
  hypercare   boolean not null default false,
  resolve_by  date,
  logged_by   text not null,
  logged_at   timestamptz not null,
  resolved_at timestamptz,
  resolved_by text,
  resolution  text
);
create index project_issue_open_idx on project_issue (project_id) where resolved_at is null;
