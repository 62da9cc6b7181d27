-- Views the owning modules publish so that other modules never read their tables. The comment above each
-- view names the module that owns it (and its one definition of what it names); DataBoundaryTests reads
-- these comments. Views only gain columns at the end, so earlier readers keep working.

-- account: what other modules may know of an account.
create or replace view account_v as
select a.id as account_id, a.name, a.segment, a.status, a.language, a.contract_signed_date, a.renewal_date,
       a.acv_amount, a.acv_currency, a.owner_csm_id, a.current_project_id, a.created_at,
       a.touch_model, a.external_id, a.licensed_seats, a.product_type
from account a;

-- onboarding: projects. "active" = not finished (NOT_STARTED, IN_PROGRESS, ON_HOLD); "running" = active and
-- not paused (NOT_STARTED, IN_PROGRESS): automation nudges only running projects. "overdue" = an open item
-- of an active project is past its due date.
create or replace view onboarding_project_v as
select p.id as project_id, p.account_id, p.status, p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD') as active,
       p.start_date, p.target_graduation_date,
       p.playbook_name ->> 'en' as playbook,
       (p.completed_at at time zone 'UTC')::date as completed_on,
       (select i.completed_on from project_item i
         where i.project_id = p.id and i.go_live and i.status = 'DONE') as go_live_date,
       (select min(i.completed_on) from project_item i
         where i.project_id = p.id and i.key in ('kickoff','exec-kickoff') and i.status = 'DONE') as kickoff_date,
       p.status in ('NOT_STARTED','IN_PROGRESS') as running,
       p.forecast_graduation_date, p.min_open_due, p.progress_percent, p.current_phase_pos, p.current_phase_name
from project p;

-- onboarding: plan items with their phase. "done as of a day d" = done_on <= d: done_on is the completion day
-- of a DONE item and 'infinity' for any other, so the comparison is never null; "closed as of d" = skipped or
-- done_on <= d.
create view onboarding_item_progress_v as
select i.id as item_id, i.project_id, ph.key as phase_key, i.key, i.kind, i.name, i.owner_role,
       i.customer_homework, i.go_live, i.planned_due, i.start_date, i.due_date, i.status, i.completed_on,
       case when i.status = 'DONE' then i.completed_on else 'infinity'::date end as done_on,
       i.status = 'SKIPPED' as skipped
from project_item i
left join project_phase ph on ph.id = i.phase_id; -- a left join (phase_id is never null) that the planner drops when no phase column is read

-- onboarding: scope change requests per project.
create view onboarding_scope_change_v as
select s.project_id, s.requested_at from scope_change s;

-- stakeholder: customer contacts with their engagement (participating = HIGH or MEDIUM).
create or replace view contact_v as
select c.id as contact_id, c.account_id, c.role, c.engagement, c.engagement in ('HIGH','MEDIUM') as participating,
       c.name, c.email, c.sentiment, c.last_contact_on, c.created_at
from contact c;

-- team: members as other modules name them, with the Onward user linked to them (if any).
create or replace view team_member_v as
select m.id as member_id, m.name, m.role, m.segments, m.capacity, m.active, m.email, m.user_id
from team_member m;

-- team: who is assigned to which project in which role.
create or replace view project_assignment_v as
select a.project_id, a.role, a.member_id, a.segment, a.active, a.over_capacity
from project_assignment a;

-- identity: staff users' addresses (to link a team member who has no user id by their email).
create view identity_user_v as
select u.id as user_id, u.email, u.created_at from app_user u;

-- training: invitations to the sessions that took place, with attendance and completion.
create or replace view training_attendance_v as
select s.project_id, s.id as session_id, t.attendee, t.attended, t.completed, s.status = 'DONE' as session_done
from training_attendance t join training_session s on s.id = t.session_id
where s.status <> 'CANCELLED';

-- success: criteria with what they measure.
create or replace view success_criterion_v as
select c.id as criterion_id, c.project_id, c.account_id, c.kind, c.met_on, c.kpi, c.baseline, c.target, c.deadline
from success_criterion c;

-- success: measurements of the criteria.
create view success_measurement_v as
select m.criterion_id, m.measured_on, m.value, m.created_at from measurement m;

-- success: the customer's confirmations of value.
create view success_value_confirmation_v as
select v.criterion_id, v.confirmed_on from value_confirmation v;

-- health: each account's current score and band.
create view health_score_v as
select h.account_id, h.score, h.band, h.as_of from health_score h;

-- health: red flags; "open" = not cleared.
create view red_flag_v as
select f.id as flag_id, f.account_id, f.project_id, f.category, f.code, f.raised_at, f.cleared_at,
       f.cleared_at is null as open
from red_flag f;

-- usage: per account and user, first and last activity.
create view usage_user_v as
select u.account_id, u.user_id, u.first_seen, u.first_login, u.last_seen from usage_user u;

-- usage: activity per account, user and day.
create view usage_user_day_v as
select d.account_id, d.user_id, d.day, d.events, d.logins from usage_user_day d;

-- usage: which features each account used.
create view usage_feature_v as
select f.account_id, f.feature, f.first_used, f.last_used from usage_feature f;

-- usage: the vendor's feature catalogue (core = marked by the vendor).
create view usage_catalogue_feature_v as
select f.key, f.name, f.core from feature f;

-- messaging: the idempotency keys of queued customer messages and staff notifications.
create view messaging_key_v as
select o.uniqueness_key from outbox_message o
union all
select n.uniqueness_key from notification n;
