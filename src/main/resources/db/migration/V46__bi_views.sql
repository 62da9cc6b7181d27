-- A stable SQL layer for BI tools (ANL, PLT-1): schema onward_bi holds read-only views with
-- documented columns (docs/bi.md). Version 1: columns are only ever added; a change that has
-- to remove or retype one comes as onward_bi.<view>_v2 next to the old view, and
-- onward_bi.schema_version says which version is current.
create schema if not exists onward_bi;

create view onward_bi.schema_version as
select 1 as version, 'accounts, projects, milestones, health_history, health_components, red_flags, adoption_daily, success_criteria, renewals, surveys, tickets'::text as views;

create view onward_bi.accounts as
select id as account_id, external_id, name, industry, employees, acv_amount, acv_currency, segment, touch_model,
       product_type, licensed_seats, language, status, contract_signed_date, renewal_date,
       current_project_id, owner_csm_id, created_at
from public.account;

create view onward_bi.projects as
select id as project_id, account_id, playbook_name ->> 'en' as playbook, status, start_date, target_graduation_date,
       forecast_graduation_date, forecast_graduation_date - target_graduation_date as slip_days, progress_percent,
       current_phase_name ->> 'en' as current_phase, created_at, completed_at
from public.project;

create view onward_bi.milestones as
select i.id as milestone_id, i.project_id, p.account_id, i.key, i.name ->> 'en' as name, i.go_live, i.planned_due,
       i.due_date as forecast_due, i.status, i.completed_on,
       case when i.status = 'DONE' then i.completed_on <= i.planned_due end as on_time
from public.project_item i
join public.project p on p.id = i.project_id
where i.kind = 'MILESTONE';

create view onward_bi.health_history as
select account_id, day, score, band from public.health_history;

create view onward_bi.health_components as
select h.account_id, h.day, c ->> 'name' as component, (c ->> 'score')::int as score,
       (c ->> 'weight')::numeric as weight
from public.health_history h
cross join lateral jsonb_array_elements(h.components) c;

create view onward_bi.red_flags as
select id as red_flag_id, account_id, project_id, category, code, source, raised_at, cleared_at,
       cleared_at is null as open
from public.red_flag;

create view onward_bi.adoption_daily as
select account_id, day, count(*) as active_users, sum(events) as events, sum(logins) as logins
from public.usage_user_day
group by account_id, day;

create view onward_bi.success_criteria as
select c.id as criterion_id, c.project_id, c.account_id, c.use_case, c.kpi, c.unit, c.kind, c.baseline, c.target,
       c.deadline, c.met_on, m.value as latest_value, m.measured_on as latest_measured_on
from public.success_criterion c
left join lateral (select value, measured_on from public.measurement where criterion_id = c.id
                   order by measured_on desc, created_at desc limit 1) m on true;

create view onward_bi.renewals as
select id as account_id, name, renewal_date, acv_amount, acv_currency, status, segment
from public.account
where renewal_date is not null;

-- Survey answers without the link token or the recipient's address.
create view onward_bi.surveys as
select id as survey_id, account_id, kind, language, created_at, answered_at, score
from public.survey_request;

-- Tickets through the support module's view (no requester addresses).
create view onward_bi.tickets as
select id as ticket_id, account_id, source, external_id, subject, category, priority, status, is_open,
       created_at, updated_at, solved_at
from public.support_ticket_v;

-- The read-only role: NOLOGIN, so no password ships; an operator grants it to a login role
-- ("grant onward_bi_reader to metabase"). Roles are cluster-wide and need CREATEROLE: where the
-- migration user lacks it, an operator creates the role and runs the grants of docs/bi.md.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'onward_bi_reader') then
    create role onward_bi_reader nologin;
  end if;
  execute 'grant usage on schema onward_bi to onward_bi_reader';
  execute 'grant select on all tables in schema onward_bi to onward_bi_reader';
exception when insufficient_privilege then
  raise notice 'onward_bi_reader not created or granted (no CREATEROLE): see docs/bi.md';
end
$$;
