-- onboarding: the timeline customisation factors applied to each project (complexity, integrations,
-- data volume, limited customer resources, busy season) with the percent each lengthened the plan.
-- Published for the analytics' "what fast onboardings have in common".
create view onboarding_project_factor_v as
select p.id as project_id, f.key as factor, (f.value #>> '{}')::int as percent
from project p, jsonb_each(p.factors) f
where jsonb_typeof(f.value) = 'number' and (f.value #>> '{}')::numeric > 0;
