-- usage: a person curates the feature catalogue. A key can be hidden (junk, or retired: it is never core and
-- never suggested) or merged into another key (its usage moves there, and later events with it count for the
-- other key). The published view's "core" is what a person marked core, hidden and merged keys excepted:
-- only those may be taught to customers.
alter table feature add column hidden boolean not null default false;
alter table feature add column merged_into text references feature (key);

-- usage: the vendor's feature catalogue. core = marked core by a person, and neither hidden nor merged away.
create or replace view usage_catalogue_feature_v as
select f.key, f.name, f.core and not f.hidden and f.merged_into is null as core, f.hidden
from feature f where f.merged_into is null;
