-- Segment-compatible ingestion (ADO-1): which account a Segment user belongs to (set by `group`
-- calls, the group id being the account's external id) ...
create table segment_user_account (
  user_id    text primary key,
  account_id uuid not null references account (id),
  updated_at timestamptz not null
);

-- ... and how event names become Onward's event types. The row '*' is the rule for every event
-- name without a row of its own; a null feature means "the event name".
create table segment_event_mapping (
  event_name text primary key,
  type       text not null check (type in ('LOGIN', 'FEATURE_USED', 'USER_INVITED', 'DATA_IMPORTED',
                 'INTEGRATION_CONNECTED', 'WORKFLOW_CREATED', 'REPORT_GENERATED', 'CUSTOM', 'IGNORE')),
  feature    text,
  updated_at timestamptz not null default now()
);
insert into segment_event_mapping (event_name, type, feature) values
  ('Signed In', 'LOGIN', null),
  ('Page Viewed', 'CUSTOM', null),
  ('*', 'FEATURE_USED', null);
