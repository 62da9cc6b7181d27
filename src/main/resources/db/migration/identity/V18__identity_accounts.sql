-- Usernames are lower case (sign-in is case-insensitive); a clash keeps the old spelling.
update app_user u set username = lower(username)
where username <> lower(username) and not exists (select 1 from app_user o where o.username = lower(u.username));

-- Sessions signed in before this instant end (password changed or reset, user disabled).
alter table app_user add column credentials_changed_at timestamptz not null default '-infinity';

-- Tokens may expire, and are revoked with the user who created them.
alter table api_token add column expires_at timestamptz;
alter table api_token add column created_by_user uuid references app_user (id);
create index api_token_created_by_user_idx on api_token (created_by_user) where created_by_user is not null;

-- Failed sign-ins per user name and per client address, shared by every instance: after a few
-- failures the key is locked for a while, doubling with each further failure.
create table sign_in_throttle (
  key             text primary key,           -- 'user:<name>' or 'ip:<address>'
  failures        int not null,
  last_failure_at timestamptz not null,
  locked_until    timestamptz
);

-- One-time password reset links an admin hands to a user (only a SHA-256 of the token is kept).
create table password_reset_token (
  token_hash text primary key,
  user_id    uuid not null references app_user (id) on delete cascade,
  expires_at timestamptz not null
);
