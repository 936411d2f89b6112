#!/usr/bin/env bash
# experiment: start event server + function (lib.sh), then run the command given in EXP
set -euo pipefail
cd /work/main
ROOT=$PWD; DB=workflow_ingest_qbench; PORT=18182; NATIVE=; OUT=${OUT:-/tmp/exp/out}
SKIP_BUILD=1 REUSE_DB=1
export SKIP_BUILD REUSE_DB
source bench/lib.sh
start_app jvm app ${APP_EXTRA:-}
for _ in $(seq 1 100); do curl -s -o /dev/null "$URL/q/health/live" && break; sleep 0.2; done
eval "$EXP"
