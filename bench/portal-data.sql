-- The portal benchmark's data: :n accounts with projects (projects-data.sql), three contacts each with
-- portal access (their own addresses), a CSM, and a criterion.
\set ON_ERROR_STOP on
\ir projects-data.sql

insert into contact (id, account_id, name, email, role, engagement, sentiment, created_at)
select gen_random_uuid(), m.account_id, r.name || ' ' || m.account_id, lower(r.role) || '.' || m.account_id || '@portal-bench.example',
  r.role, 'MEDIUM', 'UNKNOWN', now()
from m cross join (values ('Lead', 'PROJECT_LEAD'), ('Sponsor', 'EXECUTIVE_SPONSOR'), ('Champion', 'CHAMPION')) r(name, role);

insert into portal_contact (contact_id, account_id, enabled, invited_at, updated_at)
select c.id, c.account_id, true, now(), now() from contact c join m on m.account_id = c.account_id;

update account a set owner_csm_id = :'csm' from m where m.account_id = a.id;

insert into success_criterion (id, project_id, account_id, use_case, kpi, unit, kind, baseline, target, created_by, created_at)
select gen_random_uuid(), m.project_id, m.account_id, 'Invoices', 'Invoice cycle time', 'days', 'QUANTITATIVE', 6, 3,
  'bench', now()
from m;
