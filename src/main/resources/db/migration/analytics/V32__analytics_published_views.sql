-- Views the owning modules publish for set-based read models (analytics, planning). One definition
-- of each fact, in the module that owns the table; readers never touch the tables themselves.

-- account: renewals (the input of retention). Owned by the account module.
create table account_renewal (
  id           uuid primary key,
  account_id   uuid not null references account (id),
  renewal_date date not null,
  outcome      text not null check (outcome in ('RENEWED','EXPANDED','CONTRACTED','CHURNED')),
  acv_amount   numeric(14,2) check (acv_amount >= 0),
  acv_currency text,
  source       text not null default 'API',
  recorded_by  text not null,
  recorded_at  timestamptz not null
);
create index account_renewal_account_idx on account_renewal (account_id, renewal_date);

-- account_v (the account facts analytics group and filter by) is published with the portal's views.

-- account: renewals with their outcome; "renewed" = RENEWED, EXPANDED or CONTRACTED.
create view account_renewal_v as
select r.id, r.account_id, r.renewal_date, r.outcome, r.acv_amount, r.acv_currency,
       r.outcome in ('RENEWED','EXPANDED','CONTRACTED') as renewed,
       r.outcome = 'CHURNED' as churned,
       r.outcome = 'EXPANDED' as expanded
from account_renewal r;

-- onboarding: projects with their go-live (the go-live milestone done) and kickoff dates.
create view onboarding_project_v as
select p.id as project_id, p.account_id, p.status, p.status in ('NOT_STARTED','IN_PROGRESS','ON_HOLD') as active,
       p.start_date, p.target_graduation_date,
       p.playbook_name ->> 'en' as playbook,
       (p.completed_at at time zone 'UTC')::date as completed_on,
       (select i.completed_on from project_item i
         where i.project_id = p.id and i.go_live and i.status = 'DONE') as go_live_date,
       (select min(i.completed_on) from project_item i
         where i.project_id = p.id and i.key in ('kickoff','exec-kickoff') and i.status = 'DONE') as kickoff_date
from project p;

-- success: the day each criterion was first met (a measurement reached its target, or the customer
-- success_criterion_v is published with the portal's views.

-- team: members as analytics names them (CSM grouping, specialists on the team).
create view team_member_v as
select m.id as member_id, m.name, m.role, m.segments, m.capacity, m.active
from team_member m;

-- team: who is assigned to which project in which role.
create view project_assignment_v as
select a.project_id, a.role, a.member_id, a.segment, a.active
from project_assignment a;

-- usage: the first occurrence of each early win per account.
create view early_win_v as
select w.account_id, w.kind, (w.occurred_at at time zone 'UTC')::date as occurred_on
from early_win w;

-- survey: answered surveys (CSAT 1-5, NPS 0-10).
create view survey_answer_v as
select s.id as survey_id, s.account_id, s.kind, s.score, s.comment, (s.answered_at at time zone 'UTC')::date as answered_on
from survey_request s
where s.answered_at is not null and s.score is not null;

-- onboarding: the customer's homework per project (items the customer owns), and how much is done.
create view project_homework_v as
select i.project_id, count(*) as total, count(*) filter (where i.status = 'DONE') as done
from project_item i
where i.customer_homework and i.status <> 'SKIPPED'
group by i.project_id;

-- training: invitations to the sessions that took place, with attendance and completion.
create view training_attendance_v as
select s.project_id, s.id as session_id, t.attendee, t.attended, t.completed
from training_attendance t join training_session s on s.id = t.session_id
where s.status <> 'CANCELLED';

-- stakeholder: customer contacts with their engagement (participating = HIGH or MEDIUM).
create view contact_v as
select c.id as contact_id, c.account_id, c.role, c.engagement, c.engagement in ('HIGH','MEDIUM') as participating
from contact c;
