-- Customer email discipline: each message has a priority (REQUESTED and TRANSACTIONAL go past the
-- daily cap; REQUESTED also past sending hours) and a topic (two nudges about the same thing within
-- the duplicate window collapse to one). A message waiting for the daily cap, the sending hours or
-- the weekly digest stays PENDING with held_reason set and next_attempt_at = when it is next tried.
alter table outbox_message drop constraint outbox_message_status_check;
alter table outbox_message add constraint outbox_message_status_check
  check (status in ('PENDING','SENT','FAILED','SKIPPED','DIGESTED'));
alter table outbox_message
  add column priority text not null default 'NUDGE'
    check (priority in ('REQUESTED','TRANSACTIONAL','ONBOARDING','NUDGE','CELEBRATION','SUMMARY')),
  add column topic text,
  add column held_reason text check (held_reason in ('DAILY_CAP','QUIET_HOURS','DIGEST')),
  add column in_digest boolean not null default false,
  add column digest_id uuid;
update outbox_message set priority = 'TRANSACTIONAL' where audience = 'STAFF';
-- The daily cap counts what a contact (account + address) was sent today.
create index outbox_message_contact_idx on outbox_message (account_id, lower(recipient), sent_at)
  where audience = 'CUSTOMER' and channel = 'EMAIL';

-- The sending policy as an admin last set it (one row); without it the configuration applies.
create table delivery_policy (
  id         int primary key check (id = 1),
  policy     jsonb not null,
  updated_by text,
  updated_at timestamptz not null
);

-- Contacts who prefer one weekly digest to single nudges and summaries (by address).
create table email_preference (
  email         text primary key,
  weekly_digest boolean not null,
  updated_at    timestamptz not null
);
