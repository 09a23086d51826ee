#!/usr/bin/env bash
# Monitoring for real, ingestion side: Debian's Prometheus server scrapes `salesflow bronze
# --metrics-port` while bronze ingests 500 events (10% malformed) from an embedded broker
# (`salesflow broker`), and bronze's ingestion counters come back from Prometheus' HTTP query
# API with the exact figures: consumed 500 = written + quarantined. About 15 s.
# Usage: bronze_prometheus_test.sh path/to/salesflow
set -euo pipefail
bin=$(realpath "$1")
prometheus=$(command -v prometheus || true)
[[ -n $prometheus ]] || { echo "FAIL: Debian's prometheus is not installed: run scripts/setup-deps" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done
  exit 1
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

"$bin" broker --log-level warn >"$work/broker.out" 2>"$work/broker.log" &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/broker.out ]] && break; sleep 0.1; done
addr=$(head -n 1 "$work/broker.out")
[[ $addr == 127.0.0.1:* ]] || fail "broker printed '$addr'"
"$bin" produce --brokers "$addr" --count 500 --rate 0 --bad-ratio 0.1 --log-level warn \
  >"$work/produce.log" 2>&1 || fail "produce"

metrics_port=$(free_port)
"$bin" bronze --brokers "$addr" --data-dir "$work/data" --max-latency 200ms \
  --metrics-port "$metrics_port" --log-level warn -X session.timeout.ms=6000 \
  >"$work/bronze.log" 2>&1 &
pids+=($!)

prom_port=$(free_port)
cat >"$work/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: salesflow-bronze
    static_configs:
      - targets: ['127.0.0.1:$metrics_port']
YML
"$prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=($!)

# The value of an instant query's single sample, or empty while Prometheus has none.
value_of() {
  curl -fsS --max-time 2 "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" \
    2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if len(r) == 1 else "")' 2>/dev/null || true
}
consumed=""
for _ in $(seq 240); do
  consumed=$(value_of 'salesflow_bronze_consumed_total{job="salesflow-bronze"}')
  [[ $consumed == 500 ]] && break
  sleep 0.25
done
[[ $consumed == 500 ]] || fail "Prometheus saw salesflow_bronze_consumed_total='$consumed', expected 500"
# Rows are counted when their commit lands; wait for both tables' commits to be scraped.
for _ in $(seq 80); do
  written=$(value_of 'salesflow_bronze_written_rows_total')
  quarantined=$(value_of 'salesflow_bronze_quarantined_rows_total')
  [[ -n $written && -n $quarantined ]] && (( written + quarantined == 500 )) && break
  sleep 0.25
done
[[ -n $written && -n $quarantined ]] || fail "no written/quarantined samples"
((written + quarantined == 500)) || fail "written $written + quarantined $quarantined != 500"
((quarantined > 0 && written > 400)) || fail "written $written, quarantined $quarantined"
up=$(value_of 'up{job="salesflow-bronze"}')
[[ $up == 1 ]] || fail "up = '$up'"
echo "ok: Prometheus read bronze's counters: consumed $consumed, written $written, quarantined $quarantined"
