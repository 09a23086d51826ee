#!/usr/bin/env bash
# Producer max rate against the real Kafka broker on this machine, broker included (see
# bench/README.md, "Producer"). Starts scripts/kafka (own state dir), sends COUNT events with
# `salesflow produce --rate 0`, and reports events/s and CPU seconds per million events for the
# producer, the broker and both together.
#
#   bench/producer.sh                  # 2M events with build/salesflow
#   COUNT=5000000 SALESFLOW_BIN=build-x/salesflow bench/producer.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SALESFLOW_BIN:-$ROOT/build/salesflow}
COUNT=${COUNT:-2000000}
CLIENTS=${CLIENTS:-1000}
PRODUCTS=${PRODUCTS:-100}
export SALESFLOW_KAFKA_DIR=${SALESFLOW_KAFKA_DIR:-$ROOT/build/kafka-bench}
[[ -x $BIN ]] || { echo "bench/producer.sh: no $BIN (make build first)" >&2; exit 1; }

started_here=0
if ! "$ROOT/scripts/kafka" status >/dev/null; then started_here=1; fi
addr=$("$ROOT/scripts/kafka" start | tail -n 1)
if ((started_here)); then trap '"$ROOT/scripts/kafka" stop' EXIT; fi
broker_pid=$(cat "$SALESFLOW_KAFKA_DIR/pid")
tck=$(getconf CLK_TCK)
# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Warm-up: the broker JIT-compiles its hot paths; 200k events first, not measured.
"$BIN" produce --brokers "$addr" --rate 0 --count 200000 --seed 2 --start-id 1 \
  --clients "$CLIENTS" --products "$PRODUCTS" --log-level warn >/dev/null

broker_before=$(cpu_ticks "$broker_pid")
timing=$(mktemp)
/usr/bin/time -f '%e %U %S %M' -o "$timing" "$BIN" produce --brokers "$addr" --rate 0 \
  --count "$COUNT" --seed 1 --start-id 1000000 --clients "$CLIENTS" --products "$PRODUCTS" \
  --log-level warn
broker_after=$(cpu_ticks "$broker_pid")
read -r wall user sys rss_kb <"$timing"
rm -f "$timing"

awk -v n="$COUNT" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss_kb" \
  -v bt="$((broker_after - broker_before))" -v tck="$tck" -v cores="$(nproc)" 'BEGIN {
  m = n / 1e6; bcpu = bt / tck; pcpu = user + sys;
  printf "events:                 %d (%d cores, broker on the same machine)\n", n, cores;
  printf "wall time:              %.2f s\n", wall;
  printf "rate:                   %.0f events/s\n", n / wall;
  printf "producer CPU:           %.2f s (%.2f s per million events), peak RSS %.0f MiB\n", pcpu, pcpu / m, rss / 1024;
  printf "broker CPU:             %.2f s (%.2f s per million events)\n", bcpu, bcpu / m;
  printf "total CPU per million:  %.2f s\n", (pcpu + bcpu) / m;
}'
