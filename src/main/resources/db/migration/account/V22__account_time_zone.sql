-- Customer email discipline: an account's country and time zone (sending hours are the customer's
-- local hours; null means the vendor's onward.time-zone), and contracts imported as history, for
-- which nothing is sent to the customer.
alter table account add column country text check (country ~ '^[A-Z]{2}$'),
                    add column time_zone text;
alter table contract add column historical boolean not null default false;

-- What the messaging module may know of an account to deliver its email considerately: segment
-- (daily cap), language, time zone (sending hours). Owned by the account module.
create view account_mail_v as
select id as account_id, segment, language, time_zone from account;
