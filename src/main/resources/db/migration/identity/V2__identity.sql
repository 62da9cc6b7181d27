-- Staff who sign in to the UI (PLT-4).
create table app_user (
  id            uuid primary key,
  username      text not null unique,
  display_name  text not null,
  email         text,
  password_hash text not null,
  role          text not null check (role in ('ADMIN','CS_MANAGER','CSM','IMPLEMENTATION_SPECIALIST','TRAINING_LEAD','VIEWER')),
  enabled       boolean not null default true,
  created_at    timestamptz not null default now()
);

-- API bearer tokens: only a SHA-256 hash is kept; the token itself is shown once.
create table api_token (
  id           uuid primary key,
  name         text not null,
  token_hash   text not null unique,
  token_prefix text not null,
  role         text not null,
  created_by   text not null,
  created_at   timestamptz not null,
  revoked_at   timestamptz
);

-- Who changed what, when.
create table audit_log (
  id          bigserial primary key,
  at          timestamptz not null,
  actor       text not null,
  action      text not null,
  entity_type text not null,
  entity_id   text,
  detail      text
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
