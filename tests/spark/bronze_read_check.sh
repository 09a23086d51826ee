#!/usr/bin/env bash
# Spark reads a bronze table salesflow wrote, with a filter on the partition column
# (date_vente) and on an amount (montant), so partition values, add.stats and checkpoints
# are used; its counts and exact sums must equal delta-rs's and the number produced.
#   bronze_read_check.sh SALESFLOW WORK_DIR
set -euo pipefail
salesflow=$1
work=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"

export SALESFLOW_KAFKA_DIR="$work/kafka"
brokers=$("$src/scripts/kafka" start | tail -n 1)
trap '"$src/scripts/kafka" stop >/dev/null 2>&1 || true' EXIT

events=20000
# Two days of history so the date filter keeps part of the table.
"$salesflow" produce --brokers "$brokers" --count "$events" --rate 0 --seed 7 --clients 500 \
  --products 40 --start-id 1 >"$work/produce.log" 2>&1
"$salesflow" bronze --data-dir "$work/data" --brokers "$brokers" --until-caught-up \
  --max-rows 2000 >"$work/bronze.log" 2>&1

table="$work/data/delta_ventes_table"
date_from=$(ls "$table" | sed -n 's/^date_vente=//p' | sort | tail -n 1)
python=${SALESFLOW_PYTHON:-$("$src/scripts/setup-venv")}
"$python" "$src/bench/spark/deltars_counts.py" --table "$table" --date-from "$date_from" \
  --montant-min 500.00 --sum montant >"$work/deltars.json"
"$python" - "$work/deltars.json" "$events" <<'PY'
import json, sys
counts = json.load(open(sys.argv[1]))
assert counts["rows"] == int(sys.argv[2]), f"delta-rs sees {counts['rows']} rows, produced {sys.argv[2]}"
assert 0 < counts["filtered_rows"] < counts["rows"], f"filter keeps {counts['filtered_rows']} rows"
PY
"$src/tests/spark/spark-python" "$src/tests/spark/read_table.py" --table "$table" \
  --date-from "$date_from" --montant-min 500.00 --sum montant --expect "$work/deltars.json"
echo "Spark read salesflow's bronze like delta-rs: $(cat "$work/deltars.json")"
