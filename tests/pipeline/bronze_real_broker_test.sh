#!/usr/bin/env bash
# bronze against a real Kafka broker (CTest fixture "kafka"), end to end with the binary:
#  1. N events with 1% malformed over 1000 clients: bronze ∪ quarantine == the topic's
#     (partition, offset) set, disjoint; vente_id unique; sum(montant) exact; delta-rs reads
#     both tables and transaction_version() equals each partition's last offset.
#  2. A second run adds nothing (exactly-once on restart).
#  3. M more events while bronze is SIGKILLed KILLS times at random moments and restarted:
#     the same checks hold over everything produced.
# The issue asks for N=1M, and M=500k with KILLS=10; CI runs a smaller default to stay within
# its time budget. Full size:
#   BRONZE_IT_EVENTS=1000000 BRONZE_IT_KILL_EVENTS=500000 BRONZE_IT_KILLS=10 \
#     ctest --test-dir build -R bronze_real_broker
#   bronze_real_broker_test.sh SALESFLOW BUILD_DIR
set -euo pipefail
salesflow=$1
build=$2
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_python
events=${BRONZE_IT_EVENTS:-150000}
kill_events=${BRONZE_IT_KILL_EVENTS:-$events}
kills=${BRONZE_IT_KILLS:-5}
topic="bronze_it_$$"
harness_workdir "$build/bronze-it.XXXXXX"
harness_kafka_topic "$build" "$topic"

bronze_args=(bronze --data-dir "$W/data" --brokers "$BROKERS" --topic "$topic"
  --max-rows 20000 --max-latency 200ms -X session.timeout.ms=6000)
bronze() { "$salesflow" "${bronze_args[@]}" "$@"; }
check() {
  kcat -C -e -q -b "$BROKERS" -t "$topic" -f '%p %o %s\n' >"$W/topic.txt"
  "$PY" "$HARNESS_SRC/tests/pipeline/bronze_check.py" --data "$W/data" --topic "$topic" \
    --messages "$W/topic.txt" --expect-count "$1"
}

echo "--- 1. $events events, 1% malformed"
"$salesflow" produce --brokers "$BROKERS" --topic "$topic" --count "$events" --rate 0 \
  --seed 42 --clients 1000 --bad-ratio 0.01 --start-id 1 >/dev/null
bronze --until-caught-up
check "$events"

echo "--- 2. restart adds nothing"
before=$(ls "$W/data/delta_ventes_table/_delta_log" | wc -l)
bronze --until-caught-up
after=$(ls "$W/data/delta_ventes_table/_delta_log" | wc -l)
[[ $before == "$after" ]] || { echo "restart wrote new commits ($before -> $after files)"; exit 1; }
check "$events"

echo "--- 3. $kill_events more events, bronze SIGKILLed $kills times"
# Produced over about as long as the kills take (~1.5 s each), so each kill hits ingestion.
"$salesflow" produce --brokers "$BROKERS" --topic "$topic" --count "$kill_events" \
  --rate $((kill_events * 2 / (kills * 3) + 1)) \
  --seed 43 --clients 1000 --bad-ratio 0.01 --start-id $((events + 1)) >/dev/null &
producer=$!
PIDS+=("$producer")
# Each run gets a group of its own: in the same group, the next run would wait for the
# SIGKILLed member's session to time out (6 s) before getting partitions. The offsets live in
# the tables, not in the group, so this changes nothing to what is checked; bronze_group_test.sh
# covers members leaving and dying within one group.
for ((i = 0; i < kills; i++)); do
  "$salesflow" "${bronze_args[@]}" --group "bronze-it-kill-$$-$i" >"$W/killed-$i.log" 2>&1 &
  pid=$!  # the salesflow process itself, not a subshell
  # Killed at a random moment while ingesting: 0.1 to 2 s after it owns its partitions.
  for ((t = 0; t < 200; t++)); do
    grep -q "assigned" "$W/killed-$i.log" 2>/dev/null && break
    sleep 0.05
  done
  sleep "$((RANDOM % 2)).$((RANDOM % 9 + 1))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "run $i: $(grep -c "assigned" "$W/killed-$i.log") partitions assigned, SIGKILLed at bronze version $(($(ls "$W/data/delta_ventes_table/_delta_log" | grep -c "json$") - 1))"
done
wait "$producer"
PIDS=()
bronze --until-caught-up
check $((events + kill_events))
echo "bronze real-broker test passed"
