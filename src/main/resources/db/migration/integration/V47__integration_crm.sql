-- CRM webhooks (ACC-3, PLAN-3): one receiver per connection, mapping any JSON payload to a
-- contract with JSON Pointer expressions, signed with the connection's own HMAC secret.
create table crm_connection (
  id         uuid primary key,
  name       text not null unique,
  preset     text not null check (preset in ('HUBSPOT', 'SALESFORCE', 'CUSTOM')),
  mapping    jsonb not null,
  -- Kept to verify signatures (an HMAC needs the secret itself); shown to the admin once.
  secret     text not null,
  created_at timestamptz not null
);

-- The last 50 deliveries per connection with their outcome, for the admin.
create table crm_delivery (
  id            bigserial primary key,
  connection_id uuid not null references crm_connection (id) on delete cascade,
  received_at   timestamptz not null,
  status        int not null,
  external_id   text,
  contract_id   uuid,
  problem       text
);
create index crm_delivery_connection_idx on crm_delivery (connection_id, id desc);
