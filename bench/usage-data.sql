-- The usage and automation benchmarks' data: :n accounts with projects (projects-data.sql), two rated
-- contacts each, 90 days of usage rollups for 1-5 users, and features.
\set ON_ERROR_STOP on
\ir projects-data.sql

insert into contact (id, account_id, name, role, engagement, sentiment, last_contact_on, created_at)
select gen_random_uuid(), m.account_id, r.name, r.role, (array['HIGH','MEDIUM','LOW'])[1 + floor(random() * 3)::int],
  (array['POSITIVE','NEUTRAL','NEGATIVE','UNKNOWN'])[1 + floor(random() * 4)::int],
  current_date - floor(random() * 30)::int, now()
from m cross join (values ('Lead', 'PROJECT_LEAD'), ('Sponsor', 'EXECUTIVE_SPONSOR')) r(name, role);

insert into usage_user_day (account_id, day, user_id, events, logins)
select m.account_id, current_date - d, 'u-' || u, 1 + floor(random() * 20)::int, 1
from m cross join generate_series(1, 5) u cross join generate_series(0, 89) d
where u <= 1 + abs(hashtext(m.account_id::text)) % 5 and random() < 0.4;

insert into usage_user (account_id, user_id, first_seen, first_login, last_seen, events, logins)
select account_id, user_id, min(day)::timestamptz, min(day)::timestamptz, max(day)::timestamptz + interval '12 hours',
  sum(events), sum(logins)
from usage_user_day where account_id in (select account_id from m) group by account_id, user_id;

insert into feature (key, name, core, first_seen)
select 'f-' || f, 'Feature ' || f, f <= 10, now() from generate_series(1, 12) f on conflict do nothing;
insert into usage_feature (account_id, feature, first_used, last_used, uses)
select m.account_id, 'f-' || f, now() - f * interval '3 days', now(), 10
from m cross join generate_series(1, 12) f where f <= 1 + abs(hashtext(m.account_id::text)) % 8;

insert into early_win (account_id, kind, occurred_at, user_id)
select account_id, 'FIRST_LOGIN', first_seen, user_id from usage_user where user_id = 'u-1' and account_id in (select account_id from m);

\copy (select account_id from m order by random() limit 20000) to 'target/bench-usage-ids.txt'
