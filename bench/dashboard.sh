#!/usr/bin/env bash
# Dashboard load bench: open-loop load (vegeta, fixed rate) on /api/v1/kpis and
# /api/v1/timeseries of `salesflow dashboard` over DAYS days of minute-level gold data, with SSE
# live-update clients connected; p50/p99/max latency per scenario:
#   static — the tables do not change (every response after the first comes from the cache);
#   live   — one gold commit per second (as silver's gold cadence): each publish rebuilds the
#            model and empties the response cache.
# Usage: bench/dashboard.sh [BUILD_DIR]   (default build; needs salesflow and
#        bench/dashboard_tables_gen, i.e. a -DSALESFLOW_BENCH=ON build)
# Env: RATE=1000 DURATION=30s SSE=20 DAYS=30 BUCKETS=20 SCENARIOS="static live" OUT=dir
# vegeta: $VEGETA, else on PATH, else ~/go/bin/vegeta, else `go install` (Go module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
rate=${RATE:-1000} duration=${DURATION:-30s} sse=${SSE:-20} days=${DAYS:-30} buckets=${BUCKETS:-20}
scenarios=${SCENARIOS:-static live}
bin=$build/salesflow gen=$build/bench/dashboard_tables_gen
[[ -x $bin && -x $gen ]] || { echo "dashboard.sh: build salesflow and dashboard_tables_gen in $build" >&2; exit 2; }
vegeta=${VEGETA:-$(command -v vegeta || true)}
[[ -z $vegeta && -x $HOME/go/bin/vegeta ]] && vegeta=$HOME/go/bin/vegeta
if [[ -z $vegeta ]]; then
  command -v go >/dev/null || { echo "dashboard.sh: needs vegeta or go" >&2; exit 2; }
  go install github.com/tsenart/vegeta/v12@v12.13.0
  vegeta=$(go env GOPATH)/bin/vegeta
fi
work=$(mktemp -d /tmp/salesflow-dashboard-bench.XXXXXX)
out=${OUT:-$work/results}
mkdir -p "$out"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ -n ${OUT:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

"$gen" --silver "$work/delta_silver_aggreges" --gold "$work/delta_gold" --days "$days" --buckets "$buckets"
(cd "$work" && exec "$bin" dashboard --silver "$work/delta_silver_aggreges" --gold "$work/delta_gold" \
   --port 0 >"$work/dashboard.out" 2>"$work/dashboard.err") &
dash=$!
pids+=("$dash")
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/dashboard.out" 2>/dev/null | head -1 || true)
  [[ -n $url ]] && curl -sf "${url}api/v1/health" | grep -q '"state":"ready"' && break
  sleep 0.2
done
curl -sf "${url}api/v1/health" | grep -q '"state":"ready"' || { cat "$work/dashboard.err" >&2; exit 1; }
echo "dashboard ready at $url"
for _ in $(seq "$sse"); do
  curl -sN "${url}api/v1/events" >/dev/null 2>&1 &
  pids+=("$!")
done
sleep 0.5
live=$(curl -s "${url}metrics" | awk '/^salesflow_dashboard_live_clients /{print $2}')
echo "live-update clients connected: $live"

targets=$work/targets.txt
for q in kpis 'kpis?period=24h' 'kpis?period=7d&pays=France' 'timeseries?granularity=minute&period=24h' \
         'timeseries?granularity=hour&period=30d' 'timeseries?granularity=minute' \
         'timeseries?granularity=day&pays=Suisse,France&segment=PME'; do
  printf 'GET %sapi/v1/%s\n\n' "$url" "$q"
done >"$targets"

for scenario in $scenarios; do
  writer=
  if [[ $scenario == live ]]; then
    secs=$(( ${duration%s} + 5 ))
    "$gen" --silver "$work/delta_silver_aggreges" --gold "$work/delta_gold" --buckets "$buckets" \
      --skip-history --live-seconds "$secs" >"$work/live.out" 2>&1 &
    writer=$!
    pids+=("$writer")
    sleep 2
  fi
  gen_before=$(curl -s "${url}metrics" | awk '/^salesflow_dashboard_data_generation /{print $2}')
  "$vegeta" attack -rate="$rate/s" -duration="$duration" -targets="$targets" -timeout=5s \
    >"$out/$scenario.bin"
  gen_after=$(curl -s "${url}metrics" | awk '/^salesflow_dashboard_data_generation /{print $2}')
  [[ -n $writer ]] && { kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true; }
  "$vegeta" report -type=json "$out/$scenario.bin" >"$out/$scenario.json"
  load_s=$(curl -s "${url}metrics" | awk '/^salesflow_dashboard_loader_load_seconds /{print $2}')
  python3 - "$out/$scenario.json" "$scenario" "$rate" "$gen_before" "$gen_after" "$load_s" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ms = lambda ns: ns / 1e6
lat = r["latencies"]
print(f"{sys.argv[2]:>6}: {r['requests']} requests at {r['rate']:.0f}/s (target {sys.argv[3]}/s), "
      f"success {r['success']*100:.2f}%, p50 {ms(lat['50th']):.2f} ms, p90 {ms(lat['90th']):.2f} ms, "
      f"p99 {ms(lat['99th']):.2f} ms, max {ms(lat['max']):.2f} ms; status {r['status_codes']}; "
      f"publishes during the run {int(float(sys.argv[5]) - float(sys.argv[4]))}, "
      f"last load {float(sys.argv[6] or 0)*1000:.0f} ms")
PY
done
live_end=$(curl -s "${url}metrics" | awk '/^salesflow_dashboard_live_clients /{print $2}')
echo "live-update clients still connected at the end: $live_end"
