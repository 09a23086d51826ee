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
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_workdir /tmp/salesflow-bronze-prometheus-XXXXXX
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

"$bin" broker --log-level warn >"$W/broker.out" 2>"$W/broker.log" &
PIDS+=($!)
harness_wait_for "$W/broker.out" '.+' "${PIDS[-1]}" "broker exited before printing its address" \
  "broker printed no address in 10 s"
addr=$MATCH
[[ $addr == 127.0.0.1:* ]] || fail "broker printed '$addr'"
"$bin" produce --brokers "$addr" --count 500 --rate 0 --bad-ratio 0.1 --log-level warn \
  >"$W/produce.log" 2>&1 || fail "produce"

metrics_port=$(free_port)
"$bin" bronze --brokers "$addr" --data-dir "$W/data" --max-latency 200ms \
  --metrics-port "$metrics_port" --log-level warn -X session.timeout.ms=6000 \
  >"$W/bronze.log" 2>&1 &
PIDS+=($!)

prom_port=$(free_port)
cat >"$W/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: salesflow-bronze
    static_configs:
      - targets: ['127.0.0.1:$metrics_port']
YML
"$prometheus" --config.file="$W/prometheus.yml" --storage.tsdb.path="$W/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$W/prometheus.log" 2>&1 &
PIDS+=($!)

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
