#!/usr/bin/env bash
# silver end to end: the salesflow binary against a bronze table that grows while it runs
# (written by silver_feeder with the Delta API, no Kafka). Checks, each with silver_check.py
# (DuckDB over the active files delta-rs lists, to the cent, plus delta-rs schemas and txns):
#   1. 10 SIGKILL/restart cycles of `salesflow silver` during the stream, then caught up;
#   2. after `salesflow table optimize` on bronze (no rebuild: compaction is skipped), and the
#      bytes-read metric of a running silver (/metrics) grows by exactly the bytes of the files
#      each new bronze commit added, and by nothing for an OPTIMIZE commit;
#   3. after a bronze optimize + vacuum while silver was stopped (rebuild, logged).
# Size: SALESFLOW_SILVER_E2E_COMMITS x SALESFLOW_SILVER_E2E_ROWS streamed rows (default
# 100 x 500, ~25 s on the 2-core CI box); the issue's scale is set with e.g. 1000 x 5000.
set -euo pipefail
SF=$1
FEED=$2
SRC=$3
source "$(dirname "${BASH_SOURCE[0]}")/../shell/test_harness.sh"
harness_python
COMMITS=${SALESFLOW_SILVER_E2E_COMMITS:-100}
ROWS=${SALESFLOW_SILVER_E2E_ROWS:-500}
harness_workdir /tmp/salesflow-silver-e2e-XXXXXX
DATA=$W/data
B=$DATA/delta_ventes_table

silver() {
  exec "$SF" --data-dir "$DATA" --timezone Europe/Paris silver --buckets 8 --poll 20ms \
    --gold-interval 100ms --silver-interval 300ms "$@"
}
commits_of() {  # number of commit files in a table's log (0 before it exists)
  local files=("$1"/_delta_log/*.json)
  [[ -e "${files[0]}" ]] && echo "${#files[@]}" || echo 0
}
check() {
  "$PY" "$SRC/tests/pipeline/silver_check.py" --data "$DATA" --timezone Europe/Paris --buckets 8
}

echo "== 1. stream with 10 SIGKILLs of silver"
"$FEED" "$B" 10 "$ROWS" 0 >/dev/null
"$FEED" "$B" "$COMMITS" "$ROWS" 150 >"$W/feed.log" &
FEED_PID=$!
PIDS+=("$FEED_PID")
for i in $(seq 1 10); do
  gold=$DATA/delta_gold/ventes_par_pays
  before=$(commits_of "$gold")
  # exec: $! is the salesflow process itself, not a subshell around it.
  (silver) >"$W/silver.$i.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  # Kill at a random moment after this run's first gold commit (or 3 s), so runs make
  # progress and the kills land anywhere in the fold/commit cycle.
  for _ in $(seq 1 60); do
    (($(commits_of "$gold") > before)) && break
    sleep 0.05
  done
  sleep "0.$((RANDOM % 6))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  echo "kill $i: $(grep -c 'silver:' "$W/silver.$i.log" || true) log lines, bronze at $(tail -n 1 "$W/feed.log" | cut -d' ' -f1)"
done
wait "$FEED_PID"
(silver --until-caught-up) 2>&1 | tee "$W/final.log" | tail -n 1
if ! grep -q "restored" "$W/final.log"; then fail "the last run did not restore"; fi
grep -h "restored" "$W"/silver.*.log "$W/final.log" | sed 's/.*silver: /  /'
if cat "$W"/silver.*.log "$W/final.log" | grep "rebuilding"; then
  fail "a SIGKILL/restart caused a rebuild (the tables must restore the state)"
fi
check

echo "== 2. bronze optimize, more commits"
"$SF" table optimize "$B" | tail -n 1
(silver --metrics-port 0) >"$W/opt.log" 2>&1 &
pid=$!
PIDS+=("$pid")
harness_wait_for "$W/opt.log" "metrics on http://127.0.0.1:[0-9]+" "$pid" \
  "no metrics endpoint" "no metrics endpoint"
port=${MATCH##*:}
metric() {  # metric NAME: its value as an integer
  curl -sf "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1 == n {printf "%d\n", $2}'
}
wait_version() {  # wait until silver folded and committed bronze version $1
  for _ in $(seq 1 200); do
    (($(metric salesflow_silver_bronze_version) >= $1)) && (($(metric salesflow_silver_gold_commits_total) > rounds)) && return 0
    sleep 0.05
  done
  fail "silver did not reach bronze version $1"
}
latest=$(ls "$B/_delta_log" | grep -E '^[0-9]+[.]json$' | tail -n 1 | cut -d. -f1)
rounds=0
wait_version $((10#$latest))
echo "after the OPTIMIZE commit $((10#$latest)): silver read $(metric salesflow_silver_bronze_bytes_read_total) bytes"
(($(metric salesflow_silver_bronze_bytes_read_total) == 0)) || fail "OPTIMIZE read"
for k in 1 2 3 4 5; do
  before=$(metric salesflow_silver_bronze_bytes_read_total)
  rounds=$(metric salesflow_silver_gold_commits_total)
  read -r version _ _ bytes < <("$FEED" "$B" 1 "$ROWS" 0)
  wait_version "$version"
  after=$(metric salesflow_silver_bronze_bytes_read_total)
  echo "bronze commit $version added $bytes bytes of files; silver read $((after - before))"
  ((after - before == bytes)) || fail "bytes read != bytes added"
done
kill -INT "$pid"
wait "$pid"
if grep -q "rebuilding" "$W/opt.log"; then fail "optimize caused a rebuild"; fi
check

echo "== 3. while silver is stopped: commits, optimize, vacuum"
"$FEED" "$B" 8 "$ROWS" 0 >/dev/null
"$SF" table optimize "$B" | tail -n 1
"$SF" table vacuum "$B" --retain-hours 0 --force | tail -n 1
(silver --until-caught-up) >"$W/vac.log" 2>&1
grep "rebuilding" "$W/vac.log" || fail "no rebuild after vacuum"
check
echo "silver_e2e: OK"
