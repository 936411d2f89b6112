-- Campaign summaries (GET /api/v1/campaigns, /api/v1/campaigns/{id}) count a campaign's workflows
-- by status and user and take the range of their sort times. Through workflows_campaign_idx each
-- workflow cost a visit to its table row (scattered over the table: a campaign's runs are
-- interleaved with every other campaign's), ~8 us apiece: a page of 100 summaries over 100,000
-- workflows took ~0.8 s at 1,000,000 records (bench/RESULTS.md), and would reach the 5 s query
-- timeout at a few million. This index holds the same keys plus the two columns the summaries
-- read, so they are answered from the index alone (an index-only scan; rows changed since the
-- last vacuum are still read from the table). It replaces workflows_campaign_idx, whose keys it
-- starts with, so the newest-first list by campaign uses it the same way.
--
-- Built CONCURRENTLY, so a deployment keeps ingesting while it builds (a plain build blocks
-- writes for its duration: minutes on a large table). That cannot run inside a transaction, so
-- Flyway runs this migration without one. If it fails half-way (an INVALID index is left behind),
-- the first statement drops that leftover when the migration runs again after `flyway repair`.
-- The role's 20 s statement_timeout (ingest.database.role-statement-timeout) does not apply:
-- Flyway's connections clear it (quarkus.flyway.init-sql).
drop index concurrently if exists workflows_campaign_cover_idx;
create index concurrently workflows_campaign_cover_idx
    on workflows (campaign_id, sort_time desc, workflow_id desc) include (status, user_name);
drop index concurrently if exists workflows_campaign_idx;
