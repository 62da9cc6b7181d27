-- Views published by the modules that own the data, for the portal's set-based reads. Each one holds
-- the single definition of what it names.

-- onboarding: the plan items a customer may see. Vendor-owned tasks (check-ins, nudges, internal
-- preparation) are internal; milestones, deliverables, customer-owned items and homework are shown.
-- Notes are never part of it.
create view onboarding_customer_item_v as
select i.id, i.project_id, p.account_id, ph.position as phase_pos, ph.key as phase_key, ph.name as phase_name,
       i.position, i.key, i.kind, i.name, i.owner_role,
       i.customer_homework, i.go_live, i.planned_due, i.start_date, i.due_date, i.status, i.completed_on,
       (i.owner_role in ('EXECUTIVE_SPONSOR','PROJECT_LEAD','TECHNICAL_LEAD','SME','END_USER') or i.customer_homework)
         as customer_side
from project_item i
join project p on p.id = i.project_id
join project_phase ph on ph.id = i.phase_id
where i.kind in ('MILESTONE','DELIVERABLE')
   or i.customer_homework
   or i.owner_role in ('EXECUTIVE_SPONSOR','PROJECT_LEAD','TECHNICAL_LEAD','SME','END_USER');

-- stakeholder: contacts with their address normalised for look-ups.
create view stakeholder_contact_v as
select id, account_id, name, lower(trim(email)) as email, role from contact;
create index contact_email_lower_idx on contact (lower(trim(email)));

-- account: what the portal needs of an account.
create view account_v as
select a.id as account_id, a.name, a.segment, a.status, a.language, a.contract_signed_date, a.renewal_date,
       a.acv_amount, a.acv_currency, a.owner_csm_id, a.current_project_id, a.created_at
from account a;

-- survey: requests without their secret tokens.
create view survey_request_v as
select id, uniqueness_key, account_id, kind, recipient, created_at, answered_at, score from survey_request;

-- success: which account a criterion belongs to.
create view success_criterion_v as
select c.id as criterion_id, c.project_id, c.account_id, c.kind, c.met_on
from success_criterion c;

-- Portal access: per account (on unless switched off) and per contact (on once invited).
create table portal_account (
  account_id  uuid primary key,
  enabled     boolean not null,
  updated_by  text,
  updated_at  timestamptz not null
);

create table portal_contact (
  contact_id      uuid primary key,
  account_id      uuid not null,
  enabled         boolean not null,
  digest          boolean not null default true,  -- the weekly digest email
  invited_at      timestamptz,
  invited_by      text,
  last_reminder_on date,                           -- at most one reminder email a day
  updated_at      timestamptz not null
);
create index portal_contact_account_idx on portal_contact (account_id);

-- Every link request, known address or not (rate limits; addresses only as hashes).
create table portal_link_request (
  id          bigserial primary key,
  email_hash  text not null,
  ip          text not null,
  at          timestamptz not null
);
create index portal_link_request_email_idx on portal_link_request (email_hash, at);
create index portal_link_request_ip_idx on portal_link_request (ip, at);

-- Magic links: only the SHA-256 of the token is kept; single use, short-lived.
create table portal_magic_link (
  token_hash  text primary key,
  contact_id  uuid not null,
  account_id  uuid not null,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index portal_magic_link_contact_idx on portal_magic_link (contact_id, created_at);

-- Portal sessions (their own cookie on /portal); the audit of who signed in when.
create table portal_session (
  token_hash    text primary key,
  contact_id    uuid not null,
  account_id    uuid not null,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  signed_out_at timestamptz,
  ip            text
);
create index portal_session_account_idx on portal_session (account_id, created_at);

-- Collaboration on homework: comments and files by the customer (or staff).
create table portal_comment (
  id          uuid primary key,
  account_id  uuid not null,
  project_id  uuid not null,
  item_id     uuid not null,
  contact_id  uuid,
  author      text not null,
  body        text not null,
  created_at  timestamptz not null
);
create index portal_comment_item_idx on portal_comment (item_id, created_at);
create index portal_comment_account_idx on portal_comment (account_id);

create table portal_file (
  id           uuid primary key,
  account_id   uuid not null,
  project_id   uuid not null,
  item_id      uuid not null,
  contact_id   uuid,
  filename     text not null,
  content_type text not null,
  size         int not null,
  data         bytea not null,
  created_at   timestamptz not null
);
create index portal_file_item_idx on portal_file (item_id, created_at);
create index portal_file_account_idx on portal_file (account_id);

-- The milestone a CSAT survey asks about.
create table portal_csat (
  survey_key   text primary key,
  account_id   uuid not null,
  project_id   uuid not null,
  item_id      uuid,
  topic        jsonb not null
);

-- Branding of portal pages and emails (one row, edited by admins).
create table portal_branding (
  id            int primary key check (id = 1),
  vendor_name   text,
  logo_url      text,
  accent_colour text,
  updated_by    text,
  updated_at    timestamptz
);
insert into portal_branding (id) values (1);
