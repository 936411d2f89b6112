#!/usr/bin/env bash
set -euo pipefail
P="psql -h 127.0.0.1 -U postgres -d workflow_ingest_qbench -v ON_ERROR_STOP=1 -qAt"
# before: V4's index, old code
$P -c "create index concurrently if not exists workflows_campaign_idx on workflows (campaign_id, sort_time desc, workflow_id desc)"
$P -c "drop index concurrently if exists workflows_campaign_cover_idx"
$P -c "vacuum analyze workflows"
cd /tmp/wt-old
REUSE_DB=1 KEEP_DB=1 SKIP_BUILD=1 RUNS=2 REQUESTS=300 WARMUP=50 ONLY=floor_health,by_id,list_campaign,campaign_summary,other_campaigns_list \
  OUT=/tmp/runs/ab-old timeout 1500 bench/query.sh > /tmp/runs/ab-old.out 2>&1
# after: V5's index, new code
$P -c "create index concurrently if not exists workflows_campaign_cover_idx on workflows (campaign_id, sort_time desc, workflow_id desc) include (status, user_name)"
$P -c "drop index concurrently if exists workflows_campaign_idx"
$P -c "vacuum analyze workflows"
cd /work/main
REUSE_DB=1 KEEP_DB=1 SKIP_BUILD=1 RUNS=2 REQUESTS=300 WARMUP=50 ONLY=floor_health,by_id,list_campaign,campaign_summary,campaign_list \
  OUT=/tmp/runs/ab-new timeout 1500 bench/query.sh > /tmp/runs/ab-new.out 2>&1
echo ab-done
