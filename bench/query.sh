#!/usr/bin/env bash
# Query benchmark (issue 3): p50/p99 latency of each query shape through the HTTP path (Lambda
# runtime emulation, as bench/run.sh) against 1,000,000 stored records of ~3 KB. Bounded, stops
# everything it started. See bench/RESULTS.md, "Queries".
#
#   bench/query.sh                          # 1,000,000 records, 3 rounds of 300 requests per shape
#   QUICK=1 bench/query.sh                  # 100,000 records, one round of 100
#   REUSE_DB=1 bench/query.sh               # keep the loaded database of an earlier run
#   NATIVE=target/*-runner bench/query.sh   # also the native executable
#
# Knobs (environment): QUERY_RECORDS, RUNS, REQUESTS, WARMUP, ONLY (comma-separated shapes),
# LOAD_WAIT, JVM_OPTS, NATIVE, NATIVE_OPTS, FUNCTION_ENV, SKIP_BUILD=1, REUSE_DB=1, BENCH_DB, PORT, OUT.
# Needs: Java 17, PostgreSQL on 127.0.0.1:5432 reachable as postgres without a password, curl,
# and about 8 GB of disk for the scratch database (dropped at the end unless KEEP_DB=1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ "${QUICK:-0}" = 1 ]; then
  QUERY_RECORDS=${QUERY_RECORDS:-100000}; RUNS=${RUNS:-1}; REQUESTS=${REQUESTS:-100}; WARMUP=${WARMUP:-50}; LOAD_WAIT=${LOAD_WAIT:-3}
else
  QUERY_RECORDS=${QUERY_RECORDS:-1000000}; RUNS=${RUNS:-3}; REQUESTS=${REQUESTS:-300}; WARMUP=${WARMUP:-100}; LOAD_WAIT=${LOAD_WAIT:-10}
fi
NATIVE=${NATIVE:-}
DB=${BENCH_DB:-workflow_ingest_qbench}
PORT=${PORT:-18182}
OUT=${OUT:-$ROOT/bench/target/results/query-$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
log "JVM_OPTS=$JVM_OPTS; NATIVE_OPTS=$NATIVE_OPTS; FUNCTION_ENV=$FUNCTION_ENV; records=$QUERY_RECORDS runs=$RUNS requests=$REQUESTS warmup=$WARMUP"
log "out: $OUT"

# ---- the data set: built in the database from the stored template (bench/query-load.sql) --------
have=$(psql_db -d "$DB" -c "select count(*) from workflows where doc ? 'parent_workflow_id' or workflow_id <> '64c7b06c-7bdd-416a-abf2-cfb0297c7d3e'")
if [ "$have" -lt "$QUERY_RECORDS" ]; then
  CHUNK=50000
  log "loading $QUERY_RECORDS records in chunks of $CHUNK (one transaction each)"
  t0=$SECONDS
  for ((lo = have + 1; lo <= QUERY_RECORDS; lo += CHUNK)); do
    hi=$((lo + CHUNK - 1)); [ "$hi" -gt "$QUERY_RECORDS" ] && hi=$QUERY_RECORDS
    psql_db -d "$DB" -v lo="$lo" -v hi="$hi" -f bench/query-load.sql
    [ $(((hi / CHUNK) % 4)) = 0 ] && log "  $hi records ($((SECONDS - t0)) s)"
  done
  psql_db -d "$DB" -c "vacuum (analyze) workflows" -c "vacuum (analyze) workflow_artifacts" -c "checkpoint"
  log "loaded in $((SECONDS - t0)) s"
fi
echo "RESULT workload=dataset records=$(psql_db -d "$DB" -c 'select count(*) from workflows') artifacts=$(psql_db -d "$DB" -c 'select count(*) from workflow_artifacts') db_mb=$(psql_db -d "$DB" -c "select pg_database_size('$DB') / 1048576") avg_doc_bytes=$(psql_db -d "$DB" -c 'select round(avg(octet_length(doc::text))) from workflows tablesample system (1)')" >> "$RESULTS"
log "$(tail -n 1 "$RESULTS")"

# ---- the requests: 50 per shape, values spread over the data set --------------------------------
SHAPES=$OUT/shapes.tsv
psql_db -d "$DB" -v records="$QUERY_RECORDS" -f bench/query-shapes.sql > "$SHAPES"
log "$(cut -f1 "$SHAPES" | sort | uniq -c | wc -l) shapes, $(wc -l < "$SHAPES") requests in $SHAPES"

MODES=(jvm)
[ -n "$NATIVE" ] && MODES+=(native)
for mode in "${MODES[@]}"; do
  start_app "$mode" "app-$mode"
  "${LG[@]}" query url="$URL" shapes="$SHAPES" requests=20 warmup=0 only="${ONLY:-}" > "$OUT/warmup-$mode.txt" 2>&1 \
    || { log "warm-up failed: $(tail -n 3 "$OUT/warmup-$mode.txt")"; exit 1; }
  for r in $(seq 1 "$RUNS"); do
    wait_quiet; l=$(load1)
    "${LG[@]}" query url="$URL" shapes="$SHAPES" requests="$REQUESTS" warmup="$WARMUP" only="${ONLY:-}" gzip="${ACCEPT_GZIP:-0}" \
      "watch=app:$APP_PID,evs:$EVS_PID" > "$OUT/round-$mode-$r.txt" 2>&1 \
      || { log "round $r failed: $(tail -n 3 "$OUT/round-$mode-$r.txt")"; exit 1; }
    grep '^RESULT' "$OUT/round-$mode-$r.txt" | sed "s/\$/ mode=$mode round=$r load1=$l waited_s=$WAITED/" >> "$RESULTS"
    log "$mode round $r done (load1 $l)"
  done
  echo "RESULT workload=rss_after_queries rss_mb=$(rss_mb "$APP_PID") mode=$mode round=0 load1=$(load1)" >> "$RESULTS"
  stop_app
done

java -cp "$TOOLS_CP" bench.Summary "$RESULTS" query > "$OUT/summary.md"
tee -a "$OUT/run.log" < "$OUT/summary.md"
[ "${KEEP_DB:-0}" = 1 ] || psql_db -d postgres -c "drop database if exists $DB"
log "done in $SECONDS s; results in $OUT"
