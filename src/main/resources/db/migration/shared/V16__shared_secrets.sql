-- Signing keys generated on the first start and shared by every instance (unsubscribe links,
-- later the portal's and surveys' links): never a shipped default.
create table app_secret (
  name       text primary key,
  value      bytea not null check (octet_length(value) >= 32),
  created_at timestamptz not null default now()
);
