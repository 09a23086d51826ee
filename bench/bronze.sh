#!/usr/bin/env bash
# salesflow bronze alone against a real Kafka broker (scripts/kafka, own state dir):
#  1. catch-up: EVENTS events (1% malformed, 10000 clients x 100 products, seed 42) preloaded
#     in a 3-partition topic, then `salesflow bronze --until-caught-up --max-latency 1s` into
#     fresh tables under /usr/bin/time: events/s (events / process wall time, group join
#     included), CPU seconds per million events (user+system), peak RSS.
#  2. latency: a fresh topic and tables, bronze running with --max-latency 1s (and
#     --optimize-every, so compaction runs as in production), `salesflow produce --rate RATE`
#     for SECONDS s; latency of each row = commitInfo timestamp of the bronze version that
#     added it - its Kafka CreateTime (bench/spark/table_latency.py, bronze only), p50/p99.
# Targets (issue 5): >= 400k events/s, <= 3 CPU s per million events, RSS < 1 GiB,
# p99 < max-latency + 300 ms = 1300 ms. Full size is the default (5M events; 10 minutes at
# 10k/s); smaller:
#   bench/bronze.sh --events 500000 --seconds 60
# Options: --events N --rate R --seconds S --salesflow BIN (default build/salesflow)
#          --work-dir DIR (default build/bronze-bench) --skip-catchup --skip-latency --no-sync
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
events=5000000
rate=10000
seconds=600
salesflow=$root/build/salesflow
work=$root/build/bronze-bench
catchup=1
latency=1
sync=true
while (($#)); do
  case $1 in
    --events) events=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --salesflow) salesflow=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --skip-catchup) catchup=0; shift ;;
    --skip-latency) latency=0; shift ;;
    --no-sync) sync=false; shift ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench/bronze.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x $salesflow ]] || { echo "bench/bronze.sh: no binary at $salesflow (make build)" >&2; exit 1; }
python=${SALESFLOW_PYTHON:-$("$root/scripts/setup-venv")}
mkdir -p "$work"
export SALESFLOW_KAFKA_DIR=${SALESFLOW_KAFKA_DIR:-$work/kafka}  # a running broker of yours: set it
started_broker=0
if ! "$root/scripts/kafka" status >/dev/null 2>&1; then
  "$root/scripts/kafka" start >/dev/null
  started_broker=1
fi
bronze_pid=
cleanup() {
  [[ -n $bronze_pid ]] && { kill -KILL "$bronze_pid" 2>/dev/null || true; }
  ((started_broker)) && "$root/scripts/kafka" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
brokers=$(cat "$SALESFLOW_KAFKA_DIR/bootstrap")
log() { echo "[bronze bench $(date -u +%H:%M:%S)] $*" >&2; }
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), broker $brokers"

if ((catchup)); then
  topic=bronze_bench_$(date +%s)
  "$root/scripts/kafka" topic "$topic" 3 >/dev/null
  log "preloading $events events into $topic"
  "$salesflow" produce --brokers "$brokers" --topic "$topic" --count "$events" --rate 0 \
    --clients 10000 --products 100 --seed 42 --bad-ratio 0.01 >/dev/null
  rm -rf "$work/catchup"
  log "catch-up: salesflow bronze --until-caught-up"
  SALESFLOW_BRONZE_SYNC=$sync /usr/bin/time -f '%e %U %S %M' -o "$work/catchup.time" \
    "$salesflow" bronze --data-dir "$work/catchup" --brokers "$brokers" --topic "$topic" \
    --until-caught-up --max-latency 1s >"$work/catchup.out" 2>"$work/catchup.log"
  cat "$work/catchup.out"
  read -r wall user sys rss_kb <"$work/catchup.time"
  grep -q "written $((events - events / 100))\b\|consumed $events," "$work/catchup.out" ||
    log "warning: bronze's totals above do not show all $events events consumed"
  awk -v n="$events" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss_kb" 'BEGIN {
    printf "catch-up: %d events in %.2f s wall = %.0f events/s; CPU %.2f s (user %.2f, sys %.2f) = %.2f CPU s per million events; peak RSS %.0f MiB\n",
      n, w, n / w, u + s, u, s, (u + s) * 1e6 / n, r / 1024 }'
fi

if ((latency)); then
  topic=bronze_latency_$(date +%s)
  "$root/scripts/kafka" topic "$topic" 3 >/dev/null
  rm -rf "$work/latency"
  count=$((rate * seconds))
  log "latency: $count events at $rate/s ($seconds s), bronze --max-latency 1s running"
  SALESFLOW_BRONZE_SYNC=$sync "$salesflow" bronze --data-dir "$work/latency" --brokers "$brokers" --topic "$topic" \
    --max-latency 1s --optimize-every 100 >"$work/latency.out" \
    2>"$work/latency.log" &
  bronze_pid=$!
  sleep 3  # group join: not part of the measurement (rows produced after since_ms count)
  since_ms=$(date +%s%3N)
  "$salesflow" produce --brokers "$brokers" --topic "$topic" --count "$count" --rate "$rate" \
    --clients 10000 --products 100 --seed 7 --bad-ratio 0.01 >/dev/null
  sleep 3  # the last flush (max-latency) and commit
  kill -INT "$bronze_pid"
  wait "$bronze_pid" || log "warning: bronze exited non-zero (see $work/latency.log)"
  bronze_pid=
  cat "$work/latency.out"
  "$python" "$root/bench/spark/table_latency.py" --bronze "$work/latency/delta_ventes_table" \
    --system salesflow --since-ms "$since_ms" >"$work/latency.json"
  "$python" - "$work/latency.json" "$count" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
b = r["bronze"]
print(f"latency: {b['events']} rows of {sys.argv[2]} events produced (1% malformed go to "
      f"quarantine), {r['bronze_versions']} bronze versions; p50 {b['p50_ms']} ms, "
      f"p99 {b['p99_ms']} ms, max {b['max_ms']} ms")
EOF
fi
