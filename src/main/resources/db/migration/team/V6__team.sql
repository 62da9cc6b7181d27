create table team_member (
  id              uuid primary key,
  user_id         uuid,
  name            text not null,
  email           text,
  role            text not null check (role in ('CS_MANAGER','CSM','IMPLEMENTATION_SPECIALIST','TECHNICAL_RESOURCE','TRAINING_LEAD')),
  segments        text[] not null default '{}', -- empty: serves every segment
  capacity        int not null check (capacity > 0), -- active onboardings at 100 % utilisation
  -- Active assignments, kept with every assignment change (under the member's row lock) so
  -- choosing the least-loaded member does not count thousands of assignments per contract.
  active_projects int not null default 0 check (active_projects >= 0),
  active          boolean not null default true,
  created_at      timestamptz not null
);

create table project_assignment (
  project_id     uuid not null,
  role           text not null,
  member_id      uuid references team_member (id),
  segment        text not null,
  over_capacity  boolean not null default false,
  assigned_at    timestamptz not null,
  assigned_by    text not null,
  active         boolean not null default true, -- false once the project is completed or cancelled
  primary key (project_id, role)
);
create index project_assignment_member_idx on project_assignment (member_id) where active;
create index project_assignment_over_idx on project_assignment (project_id) where active and over_capacity;
