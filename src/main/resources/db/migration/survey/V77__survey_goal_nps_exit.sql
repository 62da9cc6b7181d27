-- The feedback loop: the tech-touch day-30 "Have you achieved your goal?" survey (GOAL: 0 = no, 1 = yes),
-- and the exit interview when a customer churns (EXIT: the main reason for leaving, 1-6, with a comment).
-- The NPS survey at graduation uses the existing NPS kind.
alter table survey_request drop constraint survey_request_kind_check;
alter table survey_request add constraint survey_request_kind_check check (kind in ('CSAT','NPS','GOAL','EXIT'));
-- Whether the request went out by email (false: answered in the customer portal, where the contact has access).
alter table survey_request add column emailed boolean not null default true;

-- graduation: the day of onboarding each project graduated on and whether that was on time, for the
-- analytics of NPS by onboarding speed.
create view graduation_v as
select g.project_id, g.graduated_on, g.onboarding_day, g.timing
from graduation g;
