-- usage: the rollup tables are updated in place all day (every batch adds to the counts of the users, days
-- and features it touches). With pages filled to the brim an update cannot stay on its row's page: it writes
-- the new row version elsewhere and a new entry into every index, which with events spread over many accounts
-- was most of a batch's work. A fifth of each page kept free lets the updates that change no indexed column
-- (the events and uses counts, the last-seen times) stay on the page without touching an index (HOT updates).
-- It applies to pages written from now on; a VACUUM FULL or a dump and restore applies it to older ones.
alter table usage_user_day set (fillfactor = 80);
alter table usage_user set (fillfactor = 80);
alter table usage_feature set (fillfactor = 80);
