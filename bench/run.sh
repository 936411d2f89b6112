#!/usr/bin/env bash
# Benchmarks (issue 8): ingestion through the Lambda path against the PostgreSQL limit, cold
# start, memory. One command, bounded, stops everything it started. See bench/RESULTS.md.
#
#   bench/run.sh                 # full: RUNS=3 rounds, ~16 min on the shared 2-core machine
#   QUICK=1 bench/run.sh         # one short round, ~4 min
#   NATIVE=target/*-runner bench/run.sh   # also the native executable
#
# Knobs (environment): RUNS, SINGLE_N, BATCH_N, SOAK_RECORDS, SOAK_ROUNDS, COLD_RUNS, PROFILE=0|1,
# LOAD_WAIT (max seconds to wait for the 1-min load average < 1.0 before each workload),
# JVM_OPTS, NATIVE, NATIVE_OPTS, FUNCTION_ENV (environment of the function only), SKIP_BUILD=1,
# BENCH_DB, PORT, OUT.
#
# Needs: Java 17, PostgreSQL on 127.0.0.1:5432 reachable as postgres without a password, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
  RUNS=${RUNS:-1}; SINGLE_N=${SINGLE_N:-300}; BATCH_N=${BATCH_N:-2000}; SOAK_RECORDS=${SOAK_RECORDS:-5000}
  SOAK_ROUNDS=${SOAK_ROUNDS:-1}; COLD_RUNS=${COLD_RUNS:-2}; PROFILE=${PROFILE:-0}; LOAD_WAIT=${LOAD_WAIT:-3}
else
  RUNS=${RUNS:-3}; SINGLE_N=${SINGLE_N:-2000}; BATCH_N=${BATCH_N:-10000}; SOAK_RECORDS=${SOAK_RECORDS:-100000}
  SOAK_ROUNDS=${SOAK_ROUNDS:-2}; COLD_RUNS=${COLD_RUNS:-5}; PROFILE=${PROFILE:-1}; LOAD_WAIT=${LOAD_WAIT:-10}
fi
NATIVE=${NATIVE:-}
DB=${BENCH_DB:-workflow_ingest_bench}
PORT=${PORT:-18181}
OUT=${OUT:-$ROOT/bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

reset_db() { psql_db -d "$DB" -c "truncate workflows cascade" -c "checkpoint" >/dev/null; }

# The function did not answer (LoadGen exit 3): keep the evidence, restart it.
HANGS=0
on_hang() {
  local mode=$1 what=$2
  HANGS=$((HANGS + 1))
  log "HANG $HANGS ($mode, $what): collecting diagnostics, restarting the function"
  psql_db -d postgres -c "select pid, datname, application_name, state, wait_event_type, wait_event, now() - query_start as running, left(query, 120) from pg_stat_activity where datname = '$DB'" > "$OUT/hang-$HANGS-pg.txt" 2>&1 || true
  [ "$mode" != native ] && jcmd "$APP_PID" Thread.print > "$OUT/hang-$HANGS-threads.txt" 2>&1 || true
  echo "RESULT workload=hang mode=$mode what=$what n=$HANGS load1=$(load1)" >> "$RESULTS"
  stop_app
  start_app "$mode" "app-$mode-after-hang-$HANGS"
  "${LG[@]}" single url="$URL" records=2 warmup=200 > /dev/null || true
}

# measure MODE ROUND LOADGEN-ARGS...: one measured workload on an empty table. "watch=@" is
# replaced by the pids to account CPU to. A workload whose function hangs is run once more.
measure() {
  local mode=$1 round=$2; shift 2
  local attempt line l rc args=()
  for a in "$@"; do
    if [ "$a" = "watch=@" ]; then a="watch=app:$APP_PID,evs:$EVS_PID"; fi
    args+=("$a")
  done
  for attempt in 1 2; do
    reset_db
    wait_quiet
    l=$(load1)
    rc=0
    line=$("${args[@]}" 2>>"$OUT/loadgen-errors.log") || rc=$?
    if [ "$rc" = 3 ] && [ "$attempt" = 1 ]; then
      on_hang "$mode" "$(echo "$line" | grep HANG | head -n 1 | tr ' ' '_')"
      args=()
      for a in "$@"; do
        if [ "$a" = "watch=@" ]; then a="watch=app:$APP_PID,evs:$EVS_PID"; fi
        args+=("$a")
      done
      continue
    fi
    [ "$rc" = 0 ] || { log "FAILED ($rc): $* -- $line"; exit 1; }
    break
  done
  line="$(echo "$line" | grep '^RESULT') mode=$mode round=$round load1=$l waited_s=$WAITED attempts=$attempt"
  echo "$line" >> "$RESULTS"
  log "$mode r$round: $(echo "$line" | grep -o 'workload=[^ ]*\|rps=[^ ]*\|p50_ms=[^ ]*\|p99_ms=[^ ]*\|fn_p50_ms=[^ ]*\|load1=[^ ]*' | tr '\n' ' ')"
}

log "JVM_OPTS=$JVM_OPTS; NATIVE_OPTS=$NATIVE_OPTS; FUNCTION_ENV=$FUNCTION_ENV; runs=$RUNS single=$SINGLE_N batch=$BATCH_N soak=$SOAK_RECORDS x $SOAK_ROUNDS cold=$COLD_RUNS"
log "out: $OUT"

MODES=(jvm)
[ -n "$NATIVE" ] && MODES+=(native)

# ---- cold start: process start to first response ---------------------------------------------------
for mode in "${MODES[@]}"; do
  for i in $(seq 1 "$COLD_RUNS"); do
    reset_db; wait_quiet; l=$(load1)
    sed "s/64c7b06c-7bdd-416a-abf2-cfb0297c7d3e/cold-$mode-$i/" bench/template-record.json > "$OUT/cold.json"
    t0=$(date +%s%N)
    start_app "$mode" "cold-$mode-$i"
    code=$(timeout 120 curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/api/v1/workflows" \
      -H 'Content-Type: application/json' --data-binary @"$OUT/cold.json")
    t1=$(date +%s%N)
    rss=$(rss_mb "$APP_PID")
    started=$(grep -o 'started in [0-9.]*s' "$OUT/cold-$mode-$i.log" | grep -o '[0-9.]*' | head -n 1)
    stop_app
    [ "$code" = 201 ] || { log "cold start $i: HTTP $code"; exit 1; }
    ms=$(( (t1 - t0) / 1000000 ))
    echo "RESULT workload=cold_start first_response_ms=$ms quarkus_started_s=${started:-?} rss_mb=$rss mode=$mode round=$i load1=$l waited_s=$WAITED" >> "$RESULTS"
    log "$mode cold start $i: ${ms} ms to the first response (Quarkus: started in ${started:-?} s), RSS $rss MB, load1 $l"
  done
done

# ---- warm workloads, service and baseline interleaved in each round ------------------------------
for mode in "${MODES[@]}"; do
  start_app "$mode" "app-$mode"
  reset_db
  "${LG[@]}" single url="$URL" records=2 warmup=2000 > /dev/null || true     # warm-up
  "${LG[@]}" batch url="$URL" size=1000 records=2000 warmup=4000 > /dev/null || true
  echo "RESULT workload=rss_after_warmup rss_mb=$(rss_mb "$APP_PID") mode=$mode round=0 load1=$(load1)" >> "$RESULTS"
  log "$mode RSS after warm-up: $(rss_mb "$APP_PID") MB"
  for r in $(seq 1 "$RUNS"); do
    measure "$mode" "$r" "${LG[@]}" health url="$URL" records="$SINGLE_N" warmup=200 watch=@
    measure "$mode" "$r" "${LG[@]}" single url="$URL" records="$SINGLE_N" warmup=200 watch=@
    measure "$mode" "$r" "${LG[@]}" batch url="$URL" size=100 records="$BATCH_N" warmup=1000 watch=@
    measure "$mode" "$r" "${LG[@]}" batch url="$URL" size=1000 records="$BATCH_N" warmup=2000 watch=@
    if [ "$mode" = jvm ]; then
      measure baseline "$r" timeout 600 java -Xmx1g -cp "$BASE_CP" bench.LoadGen base-single jdbc="$JDBC" records="$SINGLE_N" warmup=200
      measure baseline "$r" timeout 600 java -Xmx1g -cp "$BASE_CP" bench.LoadGen base-batch jdbc="$JDBC" size=100 records="$BATCH_N" warmup=1000
      measure baseline "$r" timeout 600 java -Xmx1g -cp "$BASE_CP" bench.LoadGen base-batch jdbc="$JDBC" size=1000 records="$BATCH_N" warmup=2000
    fi
    echo "RESULT workload=rss_after_round rss_mb=$(rss_mb "$APP_PID") mode=$mode round=$r load1=$(load1)" >> "$RESULTS"
  done

  # ---- memory: RSS after every SOAK_RECORDS records, repeated -----------------------------------
  for s in $(seq 1 "$SOAK_ROUNDS"); do
    reset_db
    line=$("${LG[@]}" batch url="$URL" size=1000 records="$SOAK_RECORDS" warmup=0 seed=$((1000 + s)) \
      "watch=app:$APP_PID,evs:$EVS_PID" 2>>"$OUT/loadgen-errors.log" | grep '^RESULT') || { on_hang "$mode" soak; continue; }
    rss=$(rss_mb "$APP_PID")
    echo "RESULT workload=rss_after_soak rss_mb=$rss soak_records=$SOAK_RECORDS mode=$mode round=$s load1=$(load1) $(echo "$line" | grep -o 'rps=[^ ]*')" >> "$RESULTS"
    [ "$mode" = jvm ] && jcmd "$APP_PID" GC.heap_info > "$OUT/heap-after-soak-$s.txt" 2>&1 || true
    # Where the RSS goes, when the JVM tracks it (JVM_OPTS with -XX:NativeMemoryTracking=summary).
    case "$mode $JVM_OPTS" in
      jvm*NativeMemoryTracking*) jcmd "$APP_PID" VM.native_memory summary > "$OUT/nmt-after-soak-$s.txt" 2>&1 || true;;
    esac
    log "$mode RSS after soak $s ($SOAK_RECORDS records): $rss MB"
  done
  stop_app
done

# ---- profile: where the application's CPU goes (JFR, JVM), single records and 1000-batches ----------
if [ "$PROFILE" = 1 ]; then
  log "profiling with JFR (settings=profile: Java samples every 10-20 ms)"
  start_app jvm app-profile
  reset_db
  "${LG[@]}" single url="$URL" records=2 warmup=2000 > /dev/null || true
  "${LG[@]}" batch url="$URL" size=1000 records=2000 warmup=2000 > /dev/null || true
  for w in single batch1000; do
    reset_db
    jcmd "$APP_PID" JFR.start name="$w" settings=profile > /dev/null
    if [ "$w" = single ]; then
      args=(single url="$URL" records="$SINGLE_N" warmup=0)
    else
      args=(batch url="$URL" size=1000 records="$BATCH_N" warmup=0)
    fi
    { "${LG[@]}" "${args[@]}" "watch=app:$APP_PID,evs:$EVS_PID" || true; } | grep '^RESULT' \
      | sed "s/\$/ mode=jvm-jfr round=1 load1=$(load1)/" >> "$RESULTS" || log "profile run of $w failed"
    jcmd "$APP_PID" JFR.stop name="$w" filename="$OUT/$w.jfr" > /dev/null
    java -cp "$TOOLS_CP" bench.JfrSummary "$OUT/$w.jfr" > "$OUT/profile-$w.md"
    log "profile: $OUT/profile-$w.md"
  done
  stop_app
fi

java -cp "$TOOLS_CP" bench.Summary "$RESULTS" > "$OUT/summary.md"
cat "$OUT/summary.md" | tee -a "$OUT/run.log"
psql_db -d postgres -c "drop database if exists $DB"
log "done in $SECONDS s; results in $OUT"
