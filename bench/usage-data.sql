-- Issue 3's benchmark data: :n accounts, each with a copy of a template project (shifted to
-- its own start), two rated contacts, 90 days of usage rollups for 1-5 users, and features.
\set ON_ERROR_STOP on
insert into account (id, external_id, name, employees, acv_amount, acv_currency, product_type, licensed_seats,
  language, contract_signed_date, status, segment, touch_model, created_at)
select gen_random_uuid(), 'bench-' || g, 'Bench ' || g, 200, 20000, 'USD',
  (array['DAILY','WEEKLY','PERIODIC'])[1 + g % 3], 5 + g % 20, 'en', current_date - (g % 90),
  'ONBOARDING', 'MID_MARKET', 'LOW_TOUCH', now()
from generate_series(1, :n) g;

create temp table m as
select a.id as account_id, gen_random_uuid() as project_id, a.contract_signed_date as start,
  a.contract_signed_date - t.start_date as shift
from account a, project t where t.id = :'template' and a.external_id like 'bench-%';

insert into project (id, account_id, playbook_id, playbook_name, status, start_date, target_graduation_date,
  forecast_graduation_date, progress_percent, factors, created_at)
select m.project_id, m.account_id, t.playbook_id, t.playbook_name, 'IN_PROGRESS', m.start,
  t.target_graduation_date + m.shift, t.forecast_graduation_date + m.shift, 0, '{}', now()
from m, project t where t.id = :'template';

create temp table pm as
select m.project_id, m.shift, ph.id as old_phase, gen_random_uuid() as new_phase, ph.position, ph.key, ph.name
from m, project_phase ph where ph.project_id = :'template';
insert into project_phase (id, project_id, position, key, name) select new_phase, project_id, position, key, name from pm;

-- 80 % of what was due three days ago is done, on its date.
insert into project_item (id, project_id, phase_id, position, key, kind, name, owner_role, customer_homework, go_live,
  planned_start, planned_due, start_date, due_date, duration_days, lag_days, status, completed_on)
select gen_random_uuid(), pm.project_id, pm.new_phase, i.position, i.key, i.kind, i.name, i.owner_role,
  i.customer_homework, i.go_live, i.planned_start + pm.shift, i.planned_due + pm.shift, i.start_date + pm.shift,
  i.due_date + pm.shift, i.duration_days, i.lag_days,
  case when done then 'DONE' else 'NOT_STARTED' end, case when done then i.due_date + pm.shift end
from pm join project_item i on i.phase_id = pm.old_phase
cross join lateral (select i.due_date + pm.shift < current_date - 3 and random() < 0.8 as done) d;

update account a set current_project_id = m.project_id from m where m.account_id = a.id;

insert into contact (id, account_id, name, role, engagement, sentiment, last_contact_on, created_at)
select gen_random_uuid(), m.account_id, r.name, r.role, (array['HIGH','MEDIUM','LOW'])[1 + floor(random() * 3)::int],
  (array['POSITIVE','NEUTRAL','NEGATIVE','UNKNOWN'])[1 + floor(random() * 4)::int],
  current_date - floor(random() * 30)::int, now()
from m cross join (values ('Lead', 'PROJECT_LEAD'), ('Sponsor', 'EXECUTIVE_SPONSOR')) r(name, role);

insert into usage_user_day (account_id, day, user_id, events, logins)
select m.account_id, current_date - d, 'u-' || u, 1 + floor(random() * 20)::int, 1
from m cross join generate_series(1, 5) u cross join generate_series(0, 89) d
where u <= 1 + abs(hashtext(m.account_id::text)) % 5 and random() < 0.4;

insert into usage_user (account_id, user_id, first_seen, first_login, last_seen, events, logins)
select account_id, user_id, min(day)::timestamptz, min(day)::timestamptz, max(day)::timestamptz + interval '12 hours',
  sum(events), sum(logins)
from usage_user_day where account_id in (select account_id from m) group by account_id, user_id;

insert into feature (key, name, core, first_seen)
select 'f-' || f, 'Feature ' || f, f <= 10, now() from generate_series(1, 12) f on conflict do nothing;
insert into usage_feature (account_id, feature, first_used, last_used, uses)
select m.account_id, 'f-' || f, now() - f * interval '3 days', now(), 10
from m cross join generate_series(1, 12) f where f <= 1 + abs(hashtext(m.account_id::text)) % 8;

insert into early_win (account_id, kind, occurred_at, user_id)
select account_id, 'FIRST_LOGIN', first_seen, user_id from usage_user where user_id = 'u-1' and account_id in (select account_id from m);

\copy (select account_id from m order by random() limit 20000) to 'target/bench-usage-ids.txt'
