#!/usr/bin/env bash
# End-to-end check of the built binary's Kafka commands without an external broker:
# `salesflow broker` prints a bootstrap address and serves it until SIGINT (exit 0);
# `salesflow produce` sends to it. (`salesflow demo`, the whole pipeline, has its own tests in
# tests/demo.)
# Usage: broker_binary_test.sh path/to/salesflow
set -euo pipefail
bin=$(realpath "$1")
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_workdir /tmp/salesflow-broker-binary-XXXXXX

# broker: first stdout line is the address.
"$bin" broker --log-level warn >"$W/broker.out" 2>"$W/broker.err" &
broker=$!
PIDS+=("$broker")
harness_wait_for "$W/broker.out" '.+' "$broker" "broker exited before printing its address" \
  "broker printed no address in 10 s"
addr=$MATCH
[[ $addr == 127.0.0.1:* ]] || fail "broker printed '$addr'"
out=$("$bin" produce --brokers "$addr" --count 200 --rate 0 --start-id 10 --log-level warn)
[[ $out == *"produced 200 events to ventes_stream"*"delivered 200, failed 0"* ]] || fail "produce: $out"
kill -INT "$broker"
wait "$broker" || fail "broker exited $? on SIGINT"

echo "ok: broker at $addr"
