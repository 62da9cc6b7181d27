-- usage: a batch no longer updates the rollups in its own transaction. Every batch of one busy account
-- queued on the same rollup rows, and a batch spread over many accounts upserted thousands of rows before
-- its 202. Now the batch's transaction stores its raw events and, in one row here, its rollup deltas (summed
-- per batch, in a compact binary form read only by the app); one counter (UsageCounting) adds the deltas of
-- many batches to the rollups a moment later, in one transaction that deletes the rows it counted. Committed
-- deltas are therefore counted exactly once, also after a crash. No index: the counter takes every row.
-- received_at: the oldest pending batch's says up to when the adoption figures are complete.
create table usage_pending (
  received_at timestamptz not null,
  deltas      bytea not null
);
-- Kept out of line and uncompressed: each row lives for a second or so, compressing it would cost more
-- than it saves.
alter table usage_pending alter column deltas set storage external;
