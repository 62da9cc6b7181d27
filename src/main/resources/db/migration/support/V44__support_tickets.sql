-- Help-desk tickets (HLT-1 support load, HLT-2): one row per ticket of a source (the API, Zendesk,
-- Freshdesk), idempotent on (source, external_id); a later updated_at wins.
create table support_ticket (
  id              uuid primary key,
  source          text not null check (source in ('API', 'ZENDESK', 'FRESHDESK')),
  external_id     text not null,
  account_id      uuid not null references account (id),
  requester_email text,
  subject         text not null,
  category        text not null check (category in ('TECHNICAL', 'HOW_TO', 'BILLING', 'OTHER')),
  priority        text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  status          text not null check (status in ('OPEN', 'PENDING_CUSTOMER', 'SOLVED', 'CLOSED')),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  solved_at       timestamptz,
  -- When the ticket last started waiting on the customer (kept while it stays pending).
  pending_since   timestamptz,
  received_at     timestamptz not null,
  unique (source, external_id)
);
create index support_ticket_account_idx on support_ticket (account_id, created_at);

-- Webhook secrets of the help-desk sources: Zendesk's signing secret (pasted from Zendesk),
-- Freshdesk's shared secret (generated here, shown once; only its SHA-256 hash is kept).
create table support_source (
  kind        text primary key check (kind in ('ZENDESK', 'FRESHDESK')),
  secret      text,
  secret_hash text,
  updated_at  timestamptz not null
);

-- The tickets as other modules (health, BI) may read them: the one definition of "open".
create view support_ticket_v as
select id, source, external_id, account_id, requester_email, subject, category, priority, status,
       created_at, updated_at, solved_at, pending_since,
       status in ('OPEN', 'PENDING_CUSTOMER') as is_open
from support_ticket;

-- The last deliveries of each webhook receiver with their problems, for the admin's Integrations page
-- (trimmed to the newest 50 per receiver).
create table support_delivery (
  id           bigserial primary key,
  receiver     text not null,
  received_at  timestamptz not null,
  status       int not null,
  summary      text,
  problem      text
);
create index support_delivery_receiver_idx on support_delivery (receiver, id desc);
