#!/usr/bin/env bash
# Query benchmark (issue 3): p50/p99 latency of each query shape through the HTTP path (Lambda
# runtime emulation, as bench/run.sh) against 1,000,000 stored records of ~3 KB. Bounded, stops
# everything it started. See bench/RESULTS.md, "Queries".
#
#   bench/query.sh                          # 1,000,000 records, 3 rounds of 300 requests per shape
#   QUICK=1 bench/query.sh                  # 100,000 records, one round of 100
#   REUSE_DB=1 bench/query.sh               # keep the loaded database of an earlier run
#   NATIVE=target/*-runner bench/query.sh   # also the native executable
#   PIN=1 bench/query.sh                    # the function on a core of its own (bench/lib.sh)
#
# The client: wrk (CLIENT=wrk, the default when it is installed: apt-get install wrk), one
# connection, WRK_WARMUP_S seconds of warm-up then WRK_S measured seconds per shape; or the Java
# load generator (CLIENT=java), WARMUP then REQUESTS requests per shape. Either way the Java load
# generator first sends every request of every shape once and fails the run unless each answer is
# a 200 holding at least one item. wrk is a C program that costs the shared cores little: the
# Java generator's own JIT, collections and HttpClient threads took 40-80 % of a core and showed
# up in every shape's tail (bench/RESULTS.md, "Fifth run").
#
# Knobs (environment): QUERY_RECORDS, RUNS, CLIENT, WRK_WARMUP_S, WRK_S, REQUESTS, WARMUP, ONLY
# (comma-separated shapes), LOAD_WAIT, PIN, JVM_OPTS, NATIVE, NATIVE_OPTS, FUNCTION_ENV,
# SKIP_BUILD=1, REUSE_DB=1, BENCH_DB, PORT, OUT, ACCEPT_GZIP=1.
# Needs: Java 17, PostgreSQL on 127.0.0.1:5432 reachable as postgres without a password, curl,
# wrk (optional), and about 8 GB of disk for the scratch database (dropped at the end unless KEEP_DB=1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ "${QUICK:-0}" = 1 ]; then
  QUERY_RECORDS=${QUERY_RECORDS:-100000}; RUNS=${RUNS:-1}; REQUESTS=${REQUESTS:-100}; WARMUP=${WARMUP:-50}; LOAD_WAIT=${LOAD_WAIT:-3}
else
  QUERY_RECORDS=${QUERY_RECORDS:-1000000}; RUNS=${RUNS:-3}; REQUESTS=${REQUESTS:-300}; WARMUP=${WARMUP:-100}; LOAD_WAIT=${LOAD_WAIT:-10}
fi
WRK_WARMUP_S=${WRK_WARMUP_S:-10}; WRK_S=${WRK_S:-10}
CLIENT=${CLIENT:-$(command -v wrk > /dev/null && echo wrk || echo java)}
NATIVE=${NATIVE:-}
DB=${BENCH_DB:-workflow_ingest_qbench}
PORT=${PORT:-18182}
OUT=${OUT:-$ROOT/bench/target/results/query-$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [ "$CLIENT" = wrk ]; then
  command -v wrk > /dev/null || { log "CLIENT=wrk, but wrk is not installed (apt-get install wrk)"; exit 2; }
  per_shape="wrk, ${WRK_WARMUP_S} s warm-up and ${WRK_S} s measured per shape"
else
  per_shape="java load generator, warmup=$WARMUP requests=$REQUESTS per shape"
fi
log "JVM_OPTS=$JVM_OPTS; NATIVE_OPTS=$NATIVE_OPTS; FUNCTION_ENV=$FUNCTION_ENV; records=$QUERY_RECORDS runs=$RUNS; client: $per_shape; PIN=$PIN"
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
# A warm database, as a service's hot tables and indexes are: every page of the data set read once
# into the OS's cache (pg_prewarm, 'read'). This machine's cache does not keep what a load wrote
# (4.4 GB of 5.5 GB cached afterwards), and a cold page costs ~0.3 ms here: the first page of
# campaign summaries read 2,682 of them and once ran into the 5 s query timeout.
t0=$SECONDS
psql_db -d "$DB" -c "create extension if not exists pg_prewarm" -c "select round(sum(pg_prewarm(c.oid, 'read')) * 8 / 1024.0) || ' MB'
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'pg_toast') and c.relkind in ('r', 'i', 't', 'm')" > "$OUT/prewarm.txt"
log "prewarmed $(cat "$OUT/prewarm.txt") in $((SECONDS - t0)) s"

# ---- the requests: 50 per shape, values spread over the data set --------------------------------
SHAPES=$OUT/shapes.tsv
psql_db -d "$DB" -v records="$QUERY_RECORDS" -f bench/query-shapes.sql > "$SHAPES"
log "$(cut -f1 "$SHAPES" | sort | uniq -c | wc -l) shapes, $(wc -l < "$SHAPES") requests in $SHAPES"

# ---- the client: wrk, one shape at a time (bench/query-wrk.lua) ----------------------------------
# CPU ticks (utime + stime, 10 ms each) of a process.
ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat" 2> /dev/null || echo 0; }
# PostgreSQL per process ("pid ticks" lines): a backend that exits meanwhile drops out of both
# sums instead of taking its whole lifetime's CPU out of the figure; a new one counts in full.
pg_ticks() { local p; for p in $(pgrep -x postgres); do echo "$p $(ticks "$p")"; done; }
pg_delta() { awk 'NR == FNR {before[$1] = $2; next} {d += $2 - before[$1]} END {print d + 0}' <(echo "$1") <(pg_ticks); }
pct() { awk -v d="$1" -v ns="$2" 'BEGIN {printf "%.1f", 100 * d * 1e7 / ns}'; }   # ticks of 10 ms over a wall time in ns
# wrk_shape SHAPE SECONDS: one connection sending the shape's requests in turn (bench/query-wrk.lua).
wrk_shape() {
  SHAPES=$SHAPES SHAPE=$1 GZIP=${ACCEPT_GZIP:-0} LABEL=q_$1 "${HARNESS_CPU[@]}" \
    wrk -t1 -c1 -d"$2s" --timeout 30s -s bench/query-wrk.lua "$URL"
}
wrk_round() {
  local check=$1 shape line a0 e0 p0 t0 ns fn items
  for shape in $(cut -f1 "$SHAPES" | awk '!seen[$0]++'); do
    [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$shape,"* ]] || continue
    wrk_shape "$shape" "$WRK_WARMUP_S" > /dev/null
    curl -s "$URL/_bench/durations" > /dev/null   # starts the function's figures over
    a0=$(ticks "$APP_PID"); e0=$(ticks "$EVS_PID"); p0=$(pg_ticks); t0=$(date +%s%N)
    line=$(wrk_shape "$shape" "$WRK_S" | grep '^RESULT')
    ns=$(($(date +%s%N) - t0))
    fn=$(curl -s "$URL/_bench/durations")
    items=$(grep "^RESULT workload=q_$shape " "$check" | grep -o 'items_avg=[0-9.]*' || true)
    echo "$line app_cpu_pct=$(pct $(($(ticks "$APP_PID") - a0)) "$ns") evs_cpu_pct=$(pct $(($(ticks "$EVS_PID") - e0)) "$ns")" \
      "pg_cpu_pct=$(pct "$(pg_delta "$p0")" "$ns") $fn $items client=wrk"
    [[ "$line" == *" bad=0 socket_errors=0"* ]] || { echo "shape $shape: answers other than 200 or socket errors: $line" >&2; return 1; }
  done
}

MODES=(jvm)
[ -n "$NATIVE" ] && MODES+=(native)
for mode in "${MODES[@]}"; do
  start_app "$mode" "app-$mode"
  # Every request of every shape once: each answer must be a 200 with at least one item.
  "${LG[@]}" query url="$URL" shapes="$SHAPES" requests=50 warmup=0 only="${ONLY:-}" > "$OUT/check-$mode.txt" 2>&1 \
    || { log "checking the answers failed: $(tail -n 3 "$OUT/check-$mode.txt")"; exit 1; }
  for r in $(seq 1 "$RUNS"); do
    wait_quiet; l=$(load1)
    if [ "$CLIENT" = wrk ]; then
      wrk_round "$OUT/check-$mode.txt" > "$OUT/round-$mode-$r.txt" 2>&1 \
        || { log "round $r failed: $(tail -n 3 "$OUT/round-$mode-$r.txt")"; exit 1; }
    else
      "${LG[@]}" query url="$URL" shapes="$SHAPES" requests="$REQUESTS" warmup="$WARMUP" only="${ONLY:-}" gzip="${ACCEPT_GZIP:-0}" \
        "watch=app:$APP_PID,evs:$EVS_PID" > "$OUT/round-$mode-$r.txt" 2>&1 \
        || { log "round $r failed: $(tail -n 3 "$OUT/round-$mode-$r.txt")"; exit 1; }
    fi
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
