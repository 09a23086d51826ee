#!/usr/bin/env bash
# `salesflow run` (bronze + silver + dashboard in one process) against the real Kafka broker of
# the CTest fixture "kafka": a fresh topic gets SALESFLOW_RUN_EVENTS events (default 5000, 1%
# malformed) before and as many while it runs; the dashboard API must serve every good sale,
# SIGTERM must stop it with exit 0, and the tables (delta-rs) must hold each good event once,
# the malformed ones in the quarantine, silver's nb_achats summing to the bronze rows.
# Usage: run_binary_test.sh path/to/salesflow build_dir source_dir
set -euo pipefail
SF=$1
BUILD=$2
SRC=$3
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_python
EVENTS=${SALESFLOW_RUN_EVENTS:-5000}
TOPIC="run_it_$$"
harness_workdir /tmp/salesflow-run-e2e-XXXXXX
DATA=$W/data
harness_kafka_topic "$BUILD" "$TOPIC"
produce() {
  "$SF" produce --brokers "$BROKERS" --topic "$TOPIC" --count "$EVENTS" --rate 0 --seed "$1" \
    --clients 500 --bad-ratio 0.01 --start-id "$2" >>"$W/produce.out"
}
produce 1 1

"$SF" --data-dir "$DATA" run --brokers "$BROKERS" --topic "$TOPIC" --port 0 \
  --max-latency 200ms -X session.timeout.ms=6000 >"$W/run.out" 2>"$W/run.err" &
RUN=$!
PIDS+=("$RUN")
harness_wait_for "$W/run.out" 'dashboard at http://[^ ]*' "$RUN" "run exited early" "no URL printed"
URL=${MATCH##* }
produce 2 1000001

# Every good event of both batches on the dashboard.
served() { harness_served_sales "$URL"; }
kcat -C -e -q -b "$BROKERS" -t "$TOPIC" -f '%s\n' >"$W/topic.txt"
messages=$(wc -l <"$W/topic.txt")
((messages == 2 * EVENTS)) || fail "topic has $messages messages, $((2 * EVENTS)) produced"
# Settled: at least 97% of the messages (1% are malformed) and unchanged for 3 s.
n=0
same=0
for _ in $(seq 1 120); do
  m=$(served)
  if ((m == n)); then same=$((same + 1)); else same=0; fi
  n=$m
  ((n >= 2 * EVENTS * 97 / 100 && same >= 3)) && break
  sleep 1
done
echo "dashboard serves $n sales"
kill -TERM "$RUN"
rc=0
wait "$RUN" || rc=$?
PIDS=()
((rc == 0)) || fail "run exited $rc on SIGTERM"
PYTHONPATH="$SRC/tests/python" "$PY" - "$DATA" "$messages" "$n" <<'PYEOF' || fail "table check"
import sys
from check_exit import exit_passed
from deltalake import DeltaTable
data, messages, served = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bronze = DeltaTable(f"{data}/delta_ventes_table").to_pandas(columns=["vente_id", "kafka_partition", "kafka_offset"])
rejects = DeltaTable(f"{data}/delta_ventes_rejets").to_pandas(columns=["kafka_partition", "kafka_offset"])
coords = set(zip(bronze.kafka_partition, bronze.kafka_offset))
rcoords = set(zip(rejects.kafka_partition, rejects.kafka_offset))
assert len(coords) == len(bronze), "a (partition, offset) twice in bronze"
assert not coords & rcoords, "an event both in bronze and the quarantine"
assert len(coords) + len(rcoords) == messages, f"{len(coords)} + {len(rcoords)} != {messages}"
assert bronze.vente_id.is_unique, "vente_id twice"
assert len(rejects) > 0, "no malformed event quarantined"
silver = DeltaTable(f"{data}/delta_silver_aggreges").to_pandas(columns=["nb_achats"])
assert int(silver.nb_achats.sum()) == len(bronze), f"silver {silver.nb_achats.sum()} != {len(bronze)}"
assert served == len(bronze), f"dashboard served {served}, bronze holds {len(bronze)}"
print(f"ok: {len(bronze)} in bronze + {len(rejects)} rejects == {messages} messages; silver and dashboard agree")
exit_passed()
PYEOF
echo PASS
