-- One-time links that create the first admin (only a SHA-256 of the link's token is kept).
create table admin_setup_token (
  token_hash text primary key,
  expires_at timestamptz not null
);
