-- Requests served under the data-protection laws (erasure, export, account deletion): who asked,
-- why, when and what changed per module. The subject is kept only as a keyed one-way digest, so
-- this log never holds the address, user id or account id it erased.
create table privacy_request (
  id             uuid primary key,
  kind           text not null check (kind in ('ERASURE','EXPORT','DELETION')),
  at             timestamptz not null,
  actor          text not null,
  reason         text,
  subject_digest text not null,
  found          boolean not null,
  report         jsonb not null default '[]'
);
create index privacy_request_at_idx on privacy_request (at desc);
create index privacy_request_subject_idx on privacy_request (subject_digest, kind);

-- Each run of the retention job with the rows it removed or emptied per module.
create table privacy_retention_run (
  id         uuid primary key,
  at         timestamptz not null,
  actor      text not null,
  millis     bigint not null,
  report     jsonb not null default '[]'
);
create index privacy_retention_run_at_idx on privacy_retention_run (at desc);

-- The key of the one-way pseudonyms and digests, generated on first use (never shipped).
create table privacy_key (
  id     int primary key check (id = 1),
  secret bytea not null
);
