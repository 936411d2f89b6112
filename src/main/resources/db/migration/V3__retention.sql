-- Retention (issue 4): cleanup deletes the oldest rows first, `where updated_at < cutoff order by
-- updated_at limit n`, in short batches. This index lets each batch find its rows without
-- scanning the table, and keeps the bounded counts of a dry run to an index range scan.
-- A plain (not CONCURRENTLY) build: Flyway runs each migration in a transaction, and the table is
-- still small when this lands; the build blocks writes only for its duration.
create index workflows_updated_idx on workflows (updated_at);
