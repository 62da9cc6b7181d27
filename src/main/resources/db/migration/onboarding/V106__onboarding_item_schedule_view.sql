-- onboarding: each item's schedule and state without its phase, for readers that ask across many projects which
-- items are due, overdue or stuck. Through onboarding_item_progress_v the planner never answers such a question
-- from a covering item index alone (the phase join it drops still keeps the items' phase column in play): the
-- overdue milestones of 100,000 projects read half a second of item rows there, and 30 ms of
-- project_item_open_milestone_due_idx through this view. Readers that need the phase keep using
-- onboarding_item_progress_v.
create view onboarding_item_schedule_v as
select i.id as item_id, i.project_id, i.key, i.kind, i.name, i.status, i.go_live, i.start_date, i.due_date,
       i.completed_on
from project_item i;
