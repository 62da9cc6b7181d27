-- usage: a batch no longer updates the rollups in its own transaction. Every batch of one busy account
-- queued on the same rollup rows, and a batch spread over many accounts upserted thousands of rows before
-- its 202. Now the batch's transaction stores its raw events and its rollup deltas (already summed per
-- batch) in the two tables below, which have no index and no key, so nothing queues on them; one counter
-- (UsageCounting) folds everything they hold into the rollups a moment later, in one transaction that
-- deletes what it counted. Committed deltas are therefore counted exactly once, also after a crash.

-- A batch's activity per account, user and day (in onward.time-zone): usage_user_day and usage_user
-- are both derived from these rows.
create table usage_user_day_pending (
  account_id  uuid not null,
  user_id     text not null,
  day         date not null,
  first_seen  timestamptz not null,
  first_login timestamptz,
  last_seen   timestamptz not null,
  events      int not null,
  logins      int not null
);

-- A batch's feature use per account, under the key the sender used (merges apply when counted).
create table usage_feature_pending (
  account_id uuid not null,
  feature    text not null,
  first_used timestamptz not null,
  last_used  timestamptz not null,
  uses       bigint not null
);

-- When the counter last started a count that found something: every batch acknowledged before it is in
-- the rollups. While nothing is pending, everything acknowledged is.
create table usage_counted (
  only_row boolean primary key default true check (only_row),
  through  timestamptz not null
);
insert into usage_counted (through) values (now());
