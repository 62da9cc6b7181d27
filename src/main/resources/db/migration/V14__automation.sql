-- AUTO-1/2: automation rules with editable parameters. This first part ships the time-based
-- re-engagement rules evaluated by the sweep; the event rules and actions follow (issue 4).
create table automation_rule (
  code       text primary key,
  kind       text not null check (kind in ('SWEEP','EVENT')),
  template   text,
  params     jsonb not null default '{}',
  enabled    boolean not null default true,
  updated_by text,
  updated_at timestamptz
);
insert into automation_rule (code, kind, template, params) values
  ('NO_LOGIN_AFTER_ACCESS', 'SWEEP', 're-engagement', '{"days": 7}'),
  ('TECH_TOUCH_NO_RECENT_LOGIN', 'SWEEP', 're-engagement', '{"days": 3}');
