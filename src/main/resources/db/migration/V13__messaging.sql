-- AUTO-4/5: every message goes through this persisted outbox. The uniqueness key (source, account,
-- occurrence) makes a message exist at most once; the Message-ID is fixed at creation, so a resend
-- after a crash between SMTP's acceptance and our commit can be recognised by the receiver.
create table outbox_message (
  id              uuid primary key,
  uniqueness_key  text not null unique,
  template        text not null,
  account_id      uuid,
  channel         text not null check (channel in ('EMAIL')),
  recipient       text not null,
  language        text not null,
  subject         text not null,
  body            text not null,
  status          text not null check (status in ('PENDING','SENT','FAILED')),
  attempts        int not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  message_id      text not null,
  created_at      timestamptz not null,
  sent_at         timestamptz
);
create index outbox_message_due_idx on outbox_message (next_attempt_at) where status = 'PENDING';
create index outbox_message_account_idx on outbox_message (account_id, created_at);

-- Unsubscribe hygiene: addresses that asked for no more customer emails (staff notices excepted).
create table unsubscribe (
  email           text primary key,
  unsubscribed_at timestamptz not null
);
