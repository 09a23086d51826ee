#!/usr/bin/env bash
# bronze while the real broker (CTest fixture "kafka") is stopped for OUTAGE seconds in the
# middle of a stream and restarted on the same data (scripts/kafka stop/start --keep-data):
# a producer sends N events at 4000/s (it buffers and retries through the outage), bronze
# keeps running (librdkafka reconnects; clear logs), then N more events are produced; once
# bronze catches up, bronze ∪ quarantine == the topic as sets of (partition, offset), disjoint,
# with vente_id unique (the idempotent producer wrote nothing twice across the restart).
# The test stops the shared broker, so CTest runs it RUN_SERIAL; the exit trap restarts the
# broker whatever happens. The issue asks for a 20 s outage, which is the default
# (BRONZE_IT_OUTAGE changes it; BRONZE_IT_RESTART_EVENTS the events per batch, default 40k).
#   bronze_broker_restart_test.sh SALESFLOW BUILD_DIR
set -euo pipefail
salesflow=$1
build=$2
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_python
events=${BRONZE_IT_RESTART_EVENTS:-40000}
outage=${BRONZE_IT_OUTAGE:-20}
topic="bronze_restart_it_$$"
harness_workdir "$build/bronze-restart-it.XXXXXX"
# Leave the fixture's broker running for the tests after this one.
restart_broker() {
  if ! "$HARNESS_SRC/scripts/kafka" status >/dev/null 2>&1; then
    "$HARNESS_SRC/scripts/kafka" start --keep-data >/dev/null 2>&1 || true
  fi
}
trap 'harness_cleanup; restart_broker' EXIT
harness_kafka_topic "$build" "$topic"
produce() {
  "$salesflow" produce --brokers "$BROKERS" --topic "$topic" --count "$events" --rate 0 \
    --seed "$1" --clients 1000 --bad-ratio 0.01 --start-id "$2" >/dev/null
}

echo "--- $events events at 4000/s, bronze running"
"$salesflow" produce --brokers "$BROKERS" --topic "$topic" --count "$events" --rate 4000 \
  --seed 45 --clients 1000 --bad-ratio 0.01 --start-id 1 --flush-timeout 120s \
  >"$W/producer.log" 2>&1 &
producer=$!
PIDS+=("$producer")
"$salesflow" bronze --data-dir "$W/data" --brokers "$BROKERS" --topic "$topic" \
  --max-rows 10000 --max-latency 200ms -X session.timeout.ms=6000 >"$W/bronze.log" 2>&1 &
bronze_pid=$!
PIDS+=("$bronze_pid")
sleep 3

echo "--- broker stopped for $outage s"
t0=$SECONDS
"$HARNESS_SRC/scripts/kafka" stop --keep-data
sleep "$outage"
kill -0 "$bronze_pid" 2>/dev/null || fail "bronze exited while the broker was down"
"$HARNESS_SRC/scripts/kafka" start --keep-data >/dev/null
[[ $(cat "$build/kafka/bootstrap") == "$BROKERS" ]] || fail "the broker came back on another address"
echo "broker back after $((SECONDS - t0)) s"
grep -q "brokers are down\|broker trouble" "$W/bronze.log" ||
  fail "bronze logged nothing about the outage"

wait "$producer" || { tail -n 20 "$W/producer.log"; fail "the producer failed across the outage"; }
tail -n 1 "$W/producer.log"
echo "--- $events more events after the restart"
produce 46 $((events + 1))
kcat -C -e -q -b "$BROKERS" -t "$topic" -f '%p %o %s\n' >"$W/topic.txt"
[[ $(wc -l <"$W/topic.txt") == $((2 * events)) ]] ||
  fail "the restarted broker holds $(wc -l <"$W/topic.txt") messages, not $((2 * events))"
# bronze catches up by itself; then SIGTERM (flush, leave the group, exit 0).
n=0
for ((i = 0; i < 60; i++)); do
  n=$(PYTHONPATH="$HARNESS_SRC/tests/python" "$PY" - "$W/data" <<'EOF' 2>/dev/null || echo 0
import sys
from check_exit import exit_passed
from deltalake import DeltaTable
b = DeltaTable(f"{sys.argv[1]}/delta_ventes_table").to_pyarrow_table(columns=["kafka_offset"])
q = DeltaTable(f"{sys.argv[1]}/delta_ventes_rejets").to_pyarrow_table(columns=["kafka_offset"])
print(b.num_rows + q.num_rows)
exit_passed()
EOF
)
  ((n >= 2 * events)) && break
  sleep 0.5
done
((n >= 2 * events)) || fail "bronze did not catch up after the restart ($n of $((2 * events)) rows)"
kill -TERM "$bronze_pid"
wait "$bronze_pid" || fail "bronze did not exit 0 after SIGTERM"
PIDS=()
"$PY" "$HARNESS_SRC/tests/pipeline/bronze_check.py" --data "$W/data" --topic "$topic" \
  --messages "$W/topic.txt" --expect-count $((2 * events)) || fail "bronze_check"
echo "bronze broker restart test passed"
