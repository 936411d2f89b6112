# Shared by bench/run.sh (ingestion) and bench/query.sh (queries): build, scratch database, the
# Lambda runtime API emulation and the function's start and stop. Sourced, never run. The caller
# sets ROOT, OUT, DB, PORT and NATIVE first (JVM_OPTS optionally).
# A 512 MB Lambda, Java 17 managed runtime: the JVM sees 512 MB of RAM (MaxRAM: without it the
# initial heap is 1/64 of this machine's 24 GB, i.e. all of -Xmx committed at start, which no
# 512 MB Lambda does), heap 128 MB (the JVM's own default for 512 MB of RAM, 25 %; -Xmx192m
# measured no faster), serial GC (one vCPU or less at 512 MB), C1 only (the Java 17 runtime's
# default is TieredStopAtLevel=1). The serial collector otherwise commits old generation far
# beyond what is live (86 MB for 51 MB used after 2 x 100,000 records) and never gives it back:
# Min/MaxHeapFreeRatio keep 30-60 % of it free after a full collection (tighter, 10-20 % and
# 20-40 %, saved up to 30 MB more but made full collections so frequent that batches lost 5-10 %
# of their speed), and -Xmn40m pins the young generation at the size the default sizing chose
# (the ratios alone halve it, and young collections double). bench/RESULTS.md "Fourth run".
JVM_OPTS=${JVM_OPTS:--XX:MaxRAM=512m -Xmx128m -Xmn40m -XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=60 -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# glibc gives each thread that allocates its own malloc arena (up to 8 per core), and a JVM has
# dozens of threads: ~30 MB of RSS outside the JVM's own accounting (NMT), measured. Two arenas
# cost nothing measurable here. glibc also raises its mmap threshold after freeing large blocks,
# so the multi-MB buffers of each invocation (event and response bodies) then come from an arena
# and stay resident: a fixed 128 KiB threshold keeps them mmapped and returned at free (-15 MB,
# measured). A Lambda function sets the same variables in its environment.
FUNCTION_ENV=${FUNCTION_ENV:-MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072}
# The native executable's heap, the same 192 MB: its runtime would otherwise size the heap from
# the machine's memory (the stand-in toolchain's build does not see a 512 MB Lambda's limit).
NATIVE_OPTS=${NATIVE_OPTS:--Xmx192m}
LOAD_WAIT=${LOAD_WAIT:-10}
case "$DB" in workflow_ingest|workflow_ingest_test) echo "refusing to use $DB" >&2; exit 2;; esac
URL=http://127.0.0.1:$PORT
JDBC=jdbc:postgresql://127.0.0.1:5432/$DB
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

# ---- everything started here is stopped on exit ---------------------------------------------
PIDS=()
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  unpin_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PIN=1: the function gets a core of its own ---------------------------------------------
# On Lambda the function does not share its CPU with its clients, API Gateway or the database; on
# this machine all of them share 2 cores, and a request's tail is then mostly waiting for a core.
# PIN=1 puts the function on CPU 1 and everything else the harness runs or uses (load generator,
# event server, PostgreSQL's processes) on CPU 0; PostgreSQL's affinity is restored on exit.
# Lambda also caps the CPU by memory (a 512 MB function gets ~0.3 vCPU over time), which neither
# setting reproduces. Default PIN=0: all processes share both cores, as in the earlier runs.
PIN=${PIN:-0}
FN_CPU=()
HARNESS_CPU=()
PG_MASK=
if [ "$PIN" = 1 ]; then
  [ "$(nproc)" -ge 2 ] || { echo "PIN=1 needs 2 cores" >&2; exit 2; }
  FN_CPU=(taskset -c 1)
  HARNESS_CPU=(taskset -c 0)
fi
pin_postgres() {
  local pid
  [ "$PIN" = 1 ] || return 0
  PG_MASK=$(taskset -p "$(pgrep -o -x postgres)" | awk '{print $NF}')
  for pid in $(pgrep -x postgres); do taskset -p -c 0 "$pid" > /dev/null || true; done
}
unpin_postgres() {
  local pid
  [ -n "$PG_MASK" ] || return 0
  for pid in $(pgrep -x postgres); do taskset -p "$PG_MASK" "$pid" > /dev/null || true; done
  PG_MASK=
}

psql_db() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# ---- build -------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the application (./mvnw -B package -DskipTests) and bench/ tools"
  ./mvnw -B -q package -DskipTests > "$OUT/build.log" 2>&1
  ./mvnw -B -q -f bench/pom.xml package > "$OUT/build-bench.log" 2>&1
fi
APP_JAR=$(ls "$ROOT"/target/*-runner.jar | head -n 1)
TOOLS_CP="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"
BASE_CP="$TOOLS_CP:$APP_JAR"   # the baseline normalizes with the application's own classes
# The harness's own JVMs (load generator, event server): LG_OPTS and EVS_OPTS add options, e.g.
# -Xlog:gc:file=... to see whether a slow request met a collection there.
# shellcheck disable=SC2206
LG=("${HARNESS_CPU[@]}" timeout 600 java -Xmx512m ${LG_OPTS:-} -cp "$TOOLS_CP" bench.LoadGen)

# ---- scratch database, migrated by the application's Flyway ------------------------------------
REUSED=0
if [ "${REUSE_DB:-0}" = 1 ] && [ "$(psql_db -d postgres -c "select 1 from pg_database where datname = '$DB'")" = 1 ]; then
  log "reusing the scratch database $DB"; REUSED=1
else
  log "scratch database $DB"
  psql_db -d postgres -c "drop database if exists $DB" -c "create database $DB"
fi

export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB
export QUARKUS_DATASOURCE_JDBC_URL=$JDBC
export QUARKUS_DATASOURCE_USERNAME=postgres
export QUARKUS_DATASOURCE_PASSWORD=
export INGEST_AUTH_ENABLED=false
export AWS_LAMBDA_RUNTIME_API=127.0.0.1:$PORT/_lambda_
export AWS_LAMBDA_FUNCTION_NAME=workflow-ingest-bench AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512
export AWS_LAMBDA_FUNCTION_VERSION='$LATEST' AWS_LAMBDA_LOG_GROUP_NAME=bench AWS_LAMBDA_LOG_STREAM_NAME=bench

# ---- the Lambda runtime API (Quarkus's mock event server) ---------------------------------------
# shellcheck disable=SC2086
"${HARNESS_CPU[@]}" java -Xmx256m -XX:+UseSerialGC ${EVS_OPTS:-} -cp "$TOOLS_CP" bench.EventServer "$PORT" > "$OUT/event-server.log" 2>&1 &
EVS_PID=$!; PIDS+=("$EVS_PID")
for _ in $(seq 1 100); do grep -q "listening" "$OUT/event-server.log" && break; sleep 0.1; done
grep -q "listening" "$OUT/event-server.log" || { log "event server did not start"; exit 1; }

APP_PID=
# start_app MODE LOGNAME [extra JVM options...]: the function, polling the runtime API.
start_app() {
  local mode=$1 name=$2; shift 2
  if [ "$mode" = native ]; then
    # shellcheck disable=SC2086
    "${FN_CPU[@]}" env $FUNCTION_ENV "$NATIVE" $NATIVE_OPTS > "$OUT/$name.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    "${FN_CPU[@]}" env $FUNCTION_ENV java $JVM_OPTS "$@" -cp "$APP_JAR:$ROOT/bench/target/ric/*" \
      com.amazonaws.services.lambda.runtime.api.client.AWSLambda \
      io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest > "$OUT/$name.log" 2>&1 &
  fi
  APP_PID=$!; PIDS+=("$APP_PID")
}
stop_app() { [ -n "$APP_PID" ] && stop_pid "$APP_PID"; APP_PID=; }

# Wait (bounded by LOAD_WAIT seconds) until the 1-minute load average is below 1.0.
WAITED=0
wait_quiet() {
  local start=$SECONDS
  while awk -v l="$(load1)" 'BEGIN {exit !(l >= 1.0)}' && [ $((SECONDS - start)) -lt "$LOAD_WAIT" ]; do sleep 3; done
  WAITED=$((SECONDS - start))
}

log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr); java: $(java -version 2>&1 | head -n 1)"
log "postgres: $(psql_db -d postgres -c 'show server_version')"
log "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (+ uncommitted changes)')"

# Migrate once, the way the deploy step does; every later start is a production start. The
# template record stays stored (64c7b06c-...): query.sh builds its records from it. A reused
# database gets the migrations added since it was loaded (a no-op when there are none); the
# function polls for its first event only once they are applied, so that request waits for them.
log "migrating (QUARKUS_FLYWAY_MIGRATE_AT_START=true, one start)"
t0=$SECONDS
QUARKUS_FLYWAY_MIGRATE_AT_START=true start_app jvm migrate
if [ "$REUSED" = 0 ]; then
  code=$(timeout 120 curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/api/v1/workflows" \
    -H 'Content-Type: application/json' --data-binary @bench/template-record.json)
  want=201
else
  code=$(timeout 1800 curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/live"); want=200
fi
stop_app
[ "$code" = "$want" ] || { log "migration start: HTTP $code (expected $want)"; exit 1; }
log "migrated in $((SECONDS - t0)) s: $(grep -o 'Successfully applied [^"]*\|No migration necessary' "$OUT/migrate.log" | head -n 1)"
export QUARKUS_FLYWAY_MIGRATE_AT_START=false
pin_postgres
if [ "$PIN" = 1 ]; then log "PIN=1: the function on CPU 1; load generator, event server and PostgreSQL on CPU 0"; fi
