-- AUTO-4/5: every message goes through this persisted outbox. The uniqueness key (source, account,
-- occurrence) makes a message exist at most once; the Message-ID is fixed at creation, so a resend
-- after a crash between SMTP's acceptance and our commit can be recognised by the receiver.
-- Messages queued in bulk by a sweep keep their template and values (params) and are rendered in
-- the account's language when first shown or sent; subject and body then hold what was sent.
create table outbox_message (
  id              uuid primary key,
  uniqueness_key  text not null unique,
  template        text not null,
  account_id      uuid,
  channel         text not null check (channel in ('EMAIL','SLACK','TEAMS','WEBHOOK')),
  audience        text not null default 'CUSTOMER' check (audience in ('CUSTOMER','STAFF')),
  recipient       text not null,  -- an email address, or the URL of a webhook
  webhook_id      uuid,           -- the endpoint whose secret signs a WEBHOOK message
  language        text not null,
  params          jsonb not null default '{}',
  subject         text,
  body            text,
  calendar        text,           -- an iCalendar invite (text/calendar) sent with the email
  status          text not null check (status in ('PENDING','SENT','FAILED')),
  attempts        int not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  message_id      text not null,
  created_at      timestamptz not null,
  sent_at         timestamptz
);
-- In the order delivery takes them (messages queued together share next_attempt_at).
create index outbox_message_due_idx on outbox_message (next_attempt_at, created_at) where status = 'PENDING';
create index outbox_message_account_idx on outbox_message (account_id, created_at);

-- Unsubscribe hygiene: addresses that asked for no more customer emails (staff notices excepted).
create table unsubscribe (
  email           text primary key,
  unsubscribed_at timestamptz not null
);

-- Outgoing webhooks: a receiver subscribes to event types ('*' for all) and verifies each call's
-- HMAC-SHA256 signature with its secret; the delivery id (the outbox id) lets it drop repeats.
create table webhook_endpoint (
  id         uuid primary key,
  url        text not null,
  secret     text not null,
  events     text[] not null,
  enabled    boolean not null default true,
  created_at timestamptz not null
);

-- A notice to staff (a CSM's "notify" action), once per uniqueness key: in the in-app inbox of
-- the user (when the team member signs in to Onward), by email and in chat.
create table notification (
  id             uuid primary key,
  uniqueness_key text not null unique,
  user_id        uuid,
  email          text,
  account_id     uuid,
  text_key       text not null,
  args           jsonb not null default '[]',
  created_at     timestamptz not null,
  read_at        timestamptz
);
create index notification_user_idx on notification (user_id, created_at desc);
