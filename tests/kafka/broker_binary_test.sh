#!/usr/bin/env bash
# End-to-end check of the built binary's Kafka commands without an external broker:
# `salesflow broker` prints a bootstrap address and serves it until SIGINT (exit 0);
# `salesflow produce` sends to it. (`salesflow demo`, the whole pipeline, has its own tests in
# tests/demo.)
# Usage: broker_binary_test.sh path/to/salesflow
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# broker: first stdout line is the address.
"$bin" broker --log-level warn >"$work/broker.out" 2>"$work/broker.err" &
broker=$!
pids+=("$broker")
for _ in $(seq 100); do [[ -s $work/broker.out ]] && break; sleep 0.1; done
addr=$(head -n 1 "$work/broker.out")
[[ $addr == 127.0.0.1:* ]] || fail "broker printed '$addr'"
out=$("$bin" produce --brokers "$addr" --count 200 --rate 0 --start-id 10 --log-level warn)
[[ $out == *"produced 200 events to ventes_stream"*"delivered 200, failed 0"* ]] || fail "produce: $out"
kill -INT "$broker"
wait "$broker" || fail "broker exited $? on SIGINT"

echo "ok: broker at $addr"
