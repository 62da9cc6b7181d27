-- Shared by the benchmarks' data scripts (\ir from usage-data.sql and portal-data.sql): :n accounts
-- (external ids bench-1 … bench-n), each with a copy of the template project :'template' shifted to its own
-- start, 80 % of what was due three days ago done; temp table m holds (account_id, project_id, start, shift).
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
