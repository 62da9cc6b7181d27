-- onboarding: the two item questions the automation sweep asks of every running project, answered from small
-- indexes instead of a pass over every item of every project (2.8 million rows at 100,000 accounts):
-- open milestones by due date (overdue milestones), and items in progress or blocked by start date (stuck on
-- a step). The overdue index carries the project and item ids, so the sweep finds its matches without reading
-- the items themselves.
create index project_item_open_milestone_due_idx on project_item (due_date) include (project_id, id)
  where kind = 'MILESTONE' and status not in ('DONE','SKIPPED');
create index project_item_started_open_idx on project_item (start_date) include (project_id, due_date)
  where status in ('IN_PROGRESS','BLOCKED');
