-- Makes the existing rows fit the tenancy rules before the next migration rebuilds the tables.
-- 1. An ERP record belongs to one thread per domain: when several threads of one domain name the same record, only
--    the most recently active keeps it (the others keep their messages, without the record), so that the unique
--    index on (domain_id, record_model, record_id) can be built.
UPDATE threads SET record_model = NULL, record_id = NULL
WHERE record_model IS NOT NULL AND record_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM threads AS newer
  WHERE newer.domain_id IS threads.domain_id
    AND newer.record_model = threads.record_model
    AND newer.record_id = threads.record_id
    AND (coalesce(newer.last_message_at, 0) > coalesce(threads.last_message_at, 0)
      OR (coalesce(newer.last_message_at, 0) = coalesce(threads.last_message_at, 0) AND newer.id > threads.id))
);
-- 2. Suppressions become per domain: the installation-wide entries wait in a side table (given back to every domain
--    after the rebuild, see tenancy_backfill). The column added here only lets the rebuild's copy statement run on
--    the now empty table.
CREATE TABLE suppressions_before_tenancy AS SELECT * FROM suppressions;
DELETE FROM suppressions;
ALTER TABLE suppressions ADD domain_id text;
