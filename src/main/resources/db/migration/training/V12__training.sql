-- TRN-1: the role-based training plan of each project (generated from the sample schedule).
create table training_session (
  id               uuid primary key,
  project_id       uuid not null,
  position         int not null,
  code             text,          -- the default sessions' code (titled per language); null when added by hand
  title            text,
  audience         text not null check (audience in ('ADMIN','MANAGER','END_USER','EXECUTIVE','POWER_USER')),
  format           text not null check (format in ('LIVE_WEBINAR','RECORDED_VIDEO','WRITTEN_GUIDE','HANDS_ON','OFFICE_HOURS')),
  duration_minutes int not null check (duration_minutes > 0),
  planned_on       date not null,
  optional         boolean not null default false,
  status           text not null check (status in ('PLANNED','SCHEDULED','DONE','CANCELLED')),
  created_at       timestamptz not null
);
create index training_session_project_idx on training_session (project_id, position);

-- TRN-2: who was invited, attended, completed, and their assessment score (pass at 80 %).
create table training_attendance (
  session_id       uuid not null references training_session (id) on delete cascade,
  attendee         text not null,
  attended         boolean not null,
  completed        boolean not null,
  assessment_score int check (assessment_score between 0 and 100),
  recorded_at      timestamptz not null,
  primary key (session_id, attendee)
);

-- TRN-3: the content library in four levels, tagged for search and recommendations.
create table content_item (
  id               uuid primary key,
  level            text not null check (level in ('GETTING_STARTED','USE_CASE','FEATURE_DOC','VIDEO')),
  title            text not null,
  url              text not null,
  tags             text[] not null default '{}',
  segments         text[] not null default '{}', -- empty: every segment
  roles            text[] not null default '{}', -- empty: every role
  use_cases        text[] not null default '{}',
  duration_minutes int,
  created_at       timestamptz not null
);
-- Searched with to_tsvector over title and tags; a library of a few thousand items needs no index
-- (and array_to_string is not immutable, so it could not be indexed directly).

-- TRN-4: the account's enablement level (1 uses the product for the onboarded use case ... 4 self-sufficient).
create table enablement (
  account_id uuid primary key,
  level      int not null check (level between 1 and 4),
  note       text,
  updated_by text not null,
  updated_at timestamptz not null
);
