#!/usr/bin/env bash
# End-to-end check of the built binary's Kafka commands without an external broker:
# `salesflow broker` prints a bootstrap address and serves it until SIGINT (exit 0);
# `salesflow produce` sends to it; `salesflow demo` starts its own embedded broker, prints each
# event as seed-format JSON with increasing vente_id, and stops cleanly on SIGINT.
# Usage: broker_demo_binary_test.sh path/to/salesflow
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

# demo: embedded broker + producer printing events; SIGINT ends it with exit 0.
"$bin" demo --interval 50ms --log-level warn >"$work/demo.out" 2>"$work/demo.err" &
demo=$!
pids+=("$demo")
for _ in $(seq 100); do
  (($(grep -c '"vente_id"' "$work/demo.out" || true) >= 5)) && break
  sleep 0.1
done
kill -INT "$demo"
wait "$demo" || fail "demo exited $? on SIGINT: $(cat "$work/demo.err")"
head -n 1 "$work/demo.out" | grep -q '^embedded Kafka broker at 127.0.0.1:' || fail "no broker line"
events=$(grep -c '^{"vente_id": ' "$work/demo.out" || true)
((events >= 5)) || fail "demo printed $events events"
grep '^{"vente_id": ' "$work/demo.out" | grep -q '"client_nom": "[^"]*", "produit_nom": ' ||
  fail "events not in the seed format"
ids=$(grep -o '^{"vente_id": [0-9]*' "$work/demo.out" | grep -o '[0-9]*$')
[[ $(sort -n <<<"$ids" | uniq) == "$ids" ]] || fail "vente_id not strictly increasing"
grep -q 'delivered' "$work/demo.out" || fail "no summary: $(tail -n 2 "$work/demo.out")"
echo "ok: broker at $addr, demo printed $events events"
