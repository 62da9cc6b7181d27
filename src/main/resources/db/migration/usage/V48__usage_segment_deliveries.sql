-- The last calls to the Segment-compatible endpoint with their outcome, for the admin's
-- Integrations page (trimmed to the newest 50): the call path, the HTTP status, how many calls
-- were accepted, duplicates, ignored or rejected, and the problems of a rejected delivery.
create table segment_delivery (
  id           bigserial primary key,
  received_at  timestamptz not null,
  call         text not null,
  status       int not null,
  accepted     int not null default 0,
  duplicates   int not null default 0,
  ignored      int not null default 0,
  rejected     int not null default 0,
  problem      text
);
