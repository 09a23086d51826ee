# The harness of the shell tests that run the salesflow binary (tests/*/*_test.sh): the interop
# Python, a work directory removed on exit together with the test's background processes,
# fail() that shows the logs, a wait for what a started process prints, and a topic on the
# CTest fixture's Kafka broker. Sourced after `set -euo pipefail`:
#   source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
# Names it sets for the test: W (work directory), PIDS (background processes to kill on exit),
# PY (Python), MATCH (what harness_wait_for found), BROKERS (fixture broker).

# The source tree, from this file's place (tests/shell).
HARNESS_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Sets PY: env SALESFLOW_PYTHON (scripts/run-tests sets it), else scripts/setup-venv's venv.
harness_python() {
  PY=${SALESFLOW_PYTHON:-}
  if [[ -z "$PY" ]]; then PY=$("$HARNESS_SRC/scripts/setup-venv" | tail -n 1); fi
}

# Kills (SIGCONT first, for a test that SIGSTOPped one) and reaps PIDS, then removes W unless
# SALESFLOW_KEEP is set. The EXIT trap of harness_workdir; a test with more to undo sets its
# own trap that calls it.
harness_cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    kill -CONT "$p" 2>/dev/null || true
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [[ -z "${SALESFLOW_KEEP:-}" ]]; then rm -rf "$W"; else echo "kept $W"; fi
}

# harness_workdir TEMPLATE: sets W to a new directory (mktemp -d TEMPLATE), PIDS=() and the
# EXIT trap harness_cleanup.
harness_workdir() {
  W=$(mktemp -d "$1")
  PIDS=()
  trap harness_cleanup EXIT
}

# fail MESSAGE: prints "FAIL: MESSAGE" and the last HARNESS_LOG_LINES (30) lines of every
# *.out, *.err and *.log file in W, then exits 1.
fail() {
  echo "FAIL: $*" >&2
  local f
  [[ -n "${W:-}" ]] || exit 1
  for f in "$W"/*.out "$W"/*.err "$W"/*.log; do
    [[ -e "$f" ]] || continue
    echo "--- $f" >&2
    tail -n "${HARNESS_LOG_LINES:-30}" "$f" >&2 || true
  done
  exit 1
}

# harness_wait_for FILE ERE PID EXITED_MESSAGE TIMEOUT_MESSAGE: waits up to 10 s for the
# first match of ERE in FILE, which process PID writes, and sets MATCH to it; fails with
# EXITED_MESSAGE as soon as PID has exited without printing it, with TIMEOUT_MESSAGE after 10 s.
harness_wait_for() {
  local file=$1 ere=$2 pid=$3
  MATCH=
  for _ in $(seq 1 100); do
    MATCH=$(grep -oE "$ere" "$file" 2>/dev/null | head -n 1 || true)
    [[ -n "$MATCH" ]] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      MATCH=$(grep -oE "$ere" "$file" 2>/dev/null | head -n 1 || true)
      [[ -n "$MATCH" ]] && return 0
      fail "$4"
    fi
    sleep 0.1
  done
  fail "$5"
}

# harness_kafka_topic BUILD_DIR TOPIC: creates TOPIC with 3 partitions on the broker of the
# CTest fixture "kafka" (state under BUILD_DIR/kafka) and sets BROKERS to its address.
harness_kafka_topic() {
  export SALESFLOW_KAFKA_DIR="$1/kafka"
  BROKERS=$(cat "$1/kafka/bootstrap")
  "$HARNESS_SRC/scripts/kafka" topic "$2" 3 >/dev/null
}

# harness_served_sales URL: the nb_ventes the dashboard API at URL serves (0 while it is not
# ready or does not answer).
harness_served_sales() {
  curl -sf "${1}api/v1/kpis" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
print(d["kpis"]["nb_ventes"]["value"] if d.get("state") == "ready" else 0)' 2>/dev/null || echo 0
}
