-- Synthetic history for bench/analytics.sh: :n accounts, each with one project signed over the last
-- two years, a go-live milestone, one success criterion (first value for 90 %), a CSM, and
-- renewal outcomes for every account whose anniversary has passed (faster value renews more).
\set ON_ERROR_STOP on
insert into team_member (id, name, role, segments, capacity, created_at)
select md5('csm' || g)::uuid, 'Bench CSM ' || g, 'CSM', '{}', 200, now() from generate_series(1, 20) g
on conflict do nothing;
insert into team_member (id, name, role, segments, capacity, created_at)
select md5('is' || g)::uuid, 'Bench Specialist ' || g, 'IMPLEMENTATION_SPECIALIST', '{}', 12, now() from generate_series(1, 30) g
on conflict do nothing;

create temporary table b as
select g, md5('a' || g)::uuid as account_id, md5('p' || g)::uuid as project_id,
       (current_date - (g % 730))::date as signed,
       case g % 10 when 0 then 'ENTERPRISE' when 1 then 'MID_MARKET' when 2 then 'MID_MARKET' else 'SMB' end as segment,
       case when g % 10 = 9 then null else 5 + (g * 37) % 150 end as ttv,
       15 + (g * 13) % 90 as golive
from generate_series(1, :n) g;

insert into account (id, name, employees, acv_amount, acv_currency, product_type, contract_signed_date, renewal_date,
  owner_csm_id, status, segment, touch_model, created_at)
select account_id, 'Bench ' || g, case segment when 'ENTERPRISE' then 2000 when 'MID_MARKET' then 300 else 30 end,
  case segment when 'ENTERPRISE' then 80000 when 'MID_MARKET' then 20000 else 5000 end, 'USD', 'DAILY', signed,
  (signed + interval '1 year')::date, md5('csm' || (1 + g % 20))::uuid,
  case when signed < current_date - 120 then 'STEADY_STATE' else 'ONBOARDING' end, segment,
  case segment when 'ENTERPRISE' then 'HIGH_TOUCH' when 'MID_MARKET' then 'LOW_TOUCH' else 'TECH_TOUCH' end, now()
from b;

insert into project (id, account_id, playbook_id, playbook_name, status, start_date, target_graduation_date,
  forecast_graduation_date, created_at, completed_at)
select project_id, account_id, md5('playbook')::uuid, '{"en":"Bench"}', case when signed < current_date - 120 then 'COMPLETED' else 'IN_PROGRESS' end,
  signed, signed + 90, signed + 90, now(), case when signed < current_date - 120 then (signed + 100)::timestamptz end
from b;
update account a set current_project_id = b.project_id from b where b.account_id = a.id;

insert into project_phase (id, project_id, position, key, name)
select md5('ph' || g)::uuid, project_id, 0, 'go-live', '{"en":"Go-live"}' from b;
insert into project_item (id, project_id, phase_id, position, key, kind, name, owner_role, go_live, planned_start,
  planned_due, start_date, due_date, duration_days, status, completed_on)
select md5('it' || g)::uuid, project_id, md5('ph' || g)::uuid, 0, 'go-live', 'MILESTONE', '{"en":"Go-live"}',
  'IMPLEMENTATION_SPECIALIST', true, signed + golive, signed + golive, signed + golive, signed + golive, 1,
  case when signed + golive <= current_date then 'DONE' else 'NOT_STARTED' end,
  case when signed + golive <= current_date then signed + golive end
from b;

insert into success_criterion (id, project_id, account_id, use_case, kpi, kind, met_on, created_by, created_at)
select md5('sc' || g)::uuid, project_id, account_id, 'Bench', 'Value', 'QUALITATIVE',
  case when ttv is not null and signed + ttv <= current_date then signed + ttv end, 'bench', now()
from b;

insert into account_renewal (id, account_id, renewal_date, outcome, acv_amount, acv_currency, source, recorded_by, recorded_at)
select md5('rn' || g)::uuid, account_id, (signed + interval '1 year')::date,
  case when (g * 7919) % 100 < case when ttv is null then 45 when ttv <= 30 then 95 when ttv <= 90 then 87 else 75 end
       then case when (g * 31) % 100 < 25 then 'EXPANDED' else 'RENEWED' end else 'CHURNED' end,
  5000, 'USD', 'BENCH', 'bench', now()
from b where signed + interval '1 year' <= current_date and g % 20 <> 0;
update account a set status = 'CHURNED' from account_renewal r where r.account_id = a.id and r.outcome = 'CHURNED';
