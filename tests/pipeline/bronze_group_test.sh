#!/usr/bin/env bash
# Several bronze processes in one consumer group against the real broker (CTest fixture
# "kafka"), while a producer writes N events (1% malformed) to a 3-partition topic:
#  - processes A and B share the group from the start;
#  - a third process C joins mid-stream and leaves (SIGTERM: flush, leave, exit 0), forcing two
#    rebalances;
#  - B is frozen with SIGSTOP past the session timeout (the group gives its partitions to A)
#    and resumed: a zombie holding a buffer. Its commit must be refused by the txn check
#    (Conflict: the txn version it expected was changed by the new owner's commits), after
#    which it drops its buffer and rejoins.
# Then A and B are stopped with SIGTERM (exit 0), one --until-caught-up run finishes, and
# bronze_check.py compares the tables with the topic as sets of (partition, offset).
# The issue does not fix a size for this scenario; CI runs N=120k at 4k events/s, so the
# stream lasts the whole scenario (about 50 s).
# BRONZE_IT_GROUP_EVENTS / BRONZE_IT_GROUP_RATE change it.
#   bronze_group_test.sh SALESFLOW BUILD_DIR
set -euo pipefail
salesflow=$1
build=$2
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_python
events=${BRONZE_IT_GROUP_EVENTS:-120000}
rate=${BRONZE_IT_GROUP_RATE:-4000}
session_ms=6000
topic="bronze_group_it_$$"
group="bronze_group_it_$$"
harness_workdir "$build/bronze-group-it.XXXXXX"
harness_kafka_topic "$build" "$topic"

bronze_args=(bronze --data-dir "$W/data" --brokers "$BROKERS" --topic "$topic" --group "$group"
  -X "session.timeout.ms=$session_ms" -X heartbeat.interval.ms=1000)
# Waits until process $1's log shows it owns partitions ("assigned"), up to 30 s.
wait_assigned() {
  local i
  for ((i = 0; i < 300; i++)); do
    grep -q "assigned" "$W/$1.log" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "$1 never got a partition"
}

echo "--- $events events at $rate/s; A and B in group $group"
"$salesflow" produce --brokers "$BROKERS" --topic "$topic" --count "$events" --rate "$rate" \
  --seed 44 --clients 1000 --bad-ratio 0.01 --start-id 1 >"$W/producer.log" 2>&1 &
producer=$!
PIDS+=("$producer")
"$salesflow" "${bronze_args[@]}" --max-rows 20000 --max-latency 200ms >"$W/A.log" 2>&1 &
a=$!
PIDS+=("$a")
# B holds its buffer for up to 4 s, so that when it is frozen it has uncommitted messages.
"$salesflow" "${bronze_args[@]}" --max-rows 1000000 --max-latency 4s >"$W/B.log" 2>&1 &
b=$!
PIDS+=("$b")
wait_assigned A
wait_assigned B
sleep 2

echo "--- C joins, then leaves"
"$salesflow" "${bronze_args[@]}" --max-rows 20000 --max-latency 300ms >"$W/C.log" 2>&1 &
c=$!
PIDS+=("$c")
wait_assigned C
sleep 2
kill -TERM "$c"
wait "$c" || fail "C did not exit 0 after SIGTERM"

echo "--- B frozen past the session timeout ($session_ms ms), then resumed"
sleep 1
kill -STOP "$b"
sleep $((session_ms / 1000 + 5))
kill -CONT "$b"
# The zombie notices on its next flush or on the rebalance callback (partitions lost). Its
# commit declares the txn versions it last saw; the new owner's commits changed them, so the
# Delta commit refuses it: "this writer expected" (seen at its read snapshot) or "another
# writer owns it" (a concurrent commit found while retrying).
refused="Conflict.*\(this writer expected\|another writer owns it\)"
for ((i = 0; i < 150; i++)); do
  grep -q "$refused" "$W/B.log" && break
  sleep 0.1
done
grep -q "$refused" "$W/B.log" ||
  fail "the resumed zombie B did not have a commit refused by the txn check"
grep -m1 "$refused" "$W/B.log" | cut -c1-300

wait "$producer" || fail "the producer failed"
sleep 2
kill -TERM "$a" "$b"
wait "$a" || fail "A did not exit 0 after SIGTERM"
wait "$b" || fail "B did not exit 0 after SIGTERM"
PIDS=()
"$salesflow" "${bronze_args[@]}" --until-caught-up >"$W/final.log" 2>&1 ||
  fail "the final --until-caught-up run failed"

kcat -C -e -q -b "$BROKERS" -t "$topic" -f '%p %o %s\n' >"$W/topic.txt"
"$PY" "$HARNESS_SRC/tests/pipeline/bronze_check.py" --data "$W/data" --topic "$topic" \
  --messages "$W/topic.txt" --expect-count "$events" || fail "bronze_check"
echo "bronze group test passed"
