-- The latest failure of each asynchronous listener (operations module): shown to admins with the
-- event publications that are still incomplete. One row per listener, so it never grows unbounded.
create table event_failure (
  listener   text primary key,
  event_type text not null,
  message    text not null,
  failed_at  timestamptz not null,
  failures   bigint not null default 1
);
