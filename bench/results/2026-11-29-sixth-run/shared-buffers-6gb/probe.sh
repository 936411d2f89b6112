#!/usr/bin/env bash
# Probe: the same shapes with shared_buffers large enough for the data set (PostgreSQL's usual 25 % of RAM), then restore.
set -u
V=$(ls /etc/postgresql | sort -V | tail -n 1)
P="psql -h 127.0.0.1 -U postgres -qAt"
$P -c "alter system set shared_buffers = '6GB'"
pg_ctlcluster --skip-systemctl-redirect $V main restart
sleep 3
$P -c "show shared_buffers"
$P -d workflow_ingest_qbench -c "create extension if not exists pg_prewarm" -c "select round(sum(pg_prewarm(c.oid, 'buffer')) * 8 / 1024.0) || ' MB into shared_buffers'
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'pg_toast') and c.relkind in ('r', 'i', 't', 'm')"
cd /work/main && REUSE_DB=1 KEEP_DB=1 SKIP_BUILD=1 RUNS=2 ONLY=list_campaign,query_used_dataset,query_used_epochs,artifact_used,artifact_any \
  OUT=/work/main/bench/target/results/sixth-sb6g bench/query.sh > /tmp/qb-sb6g.log 2>&1
echo "bench rc=$?"
$P -c "alter system reset shared_buffers"
pg_ctlcluster --skip-systemctl-redirect $V main restart
sleep 3
$P -c "show shared_buffers"
