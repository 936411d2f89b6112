-- Artifact lookups (GET /api/v1/artifacts) test two columns that say the same thing: value_md5
-- (the index) and value (so that a digest collision cannot return a wrong row). PostgreSQL
-- multiplies their selectivities as if they were independent, so it expects a dataset that 2% of
-- the runs read to match 0.02 x 0.02 of the rows, 400 of 20,000 at 1,000,000 records, and plans
-- for that: fetch every match through a bitmap, then sort. Measured at 1,000,000 records: 34-37 ms
-- a page for sorting the keys, 560-1,010 ms while the documents were joined before the sort
-- (since 2026-11-29 they are joined after it). Told that value_md5 and value determine each
-- other, it expects the 20,000 and walks the index range in page order instead, stopping after
-- one page: 2.1 ms (bench/results/2026-11-29-seventh-run/frequent-artifact.txt).
--
-- CREATE STATISTICS and ANALYZE take a SHARE UPDATE EXCLUSIVE lock: ingest goes on meanwhile.
-- ANALYZE reads a sample of 30,000 rows, whatever the table's size. Autovacuum's analyzes keep
-- these statistics up to date from then on.
create statistics workflow_artifacts_value_dependency (dependencies) on value_md5, value from workflow_artifacts;

analyze workflow_artifacts;
