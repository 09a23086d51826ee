#!/usr/bin/env bash
# salesflow silver alone, over bronze tables written directly by silver_feeder (the Delta API
# and the bronze schema; no Kafka, so the figures are silver's own):
#  Event times advance as a 10k events/s stream's would (feeder PACE_US 300, from now).
#  1. catch-up: EVENTS rows (50,000 per bronze commit, 10000 clients) appended to a
#     bronze table after silver's tables exist (so the incremental path runs: only the added
#     files are read), then `salesflow silver --until-caught-up` under /usr/bin/time:
#     events/s (rows / process wall time, start-up and restore included), CPU s, peak RSS.
#     Also the first-run build from the active files of the same table (--rebuild).
#  2. latency: silver running with its defaults (poll 250 ms, gold every 1 s, silver every
#     5 s) while the feeder appends RATE rows/s as 10 commits/s for SECONDS s. Latency of a
#     bronze commit = commitInfo timestamp of the first gold (ventes_par_minute) or silver
#     commit whose txn salesflow-silver covers it - the bronze commit's commitInfo timestamp
#     (bench/silver_latency.py); p50/p99 over every bronze commit after the first 5 s.
# Full size (the issue's): 5M rows, 10k events/s for 60 s. Smaller:
#   bench/silver.sh --events 500000 --seconds 20
# Options: --events N --rate R --seconds S --build DIR (salesflow and silver_feeder; default
#          build) --work-dir DIR (default <build>/silver-bench) --sync (fsync; default off)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
events=5000000
rate=10000
seconds=60
build=$root/build
work=
sync=false
while (($#)); do
  case $1 in
    --events) events=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --sync) sync=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
sf=$build/salesflow
feed=$build/silver_feeder
work=${work:-$build/silver-bench}
for f in "$sf" "$feed"; do [[ -x $f ]] || { echo "missing $f (build salesflow silver_feeder)" >&2; exit 1; }; done
rm -rf "$work"
mkdir -p "$work"
per_commit=50000
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== catch-up over $events rows"
data=$work/catchup
"$feed" "$data/delta_ventes_table" 1 1000 0 42 10000 300 >/dev/null
SALESFLOW_SILVER_SYNC=$sync "$sf" --data-dir "$data" silver --until-caught-up >/dev/null 2>&1
commits=$(((events + per_commit - 1) / per_commit))
start=$(date +%s.%N)
"$feed" "$data/delta_ventes_table" "$commits" "$per_commit" 0 42 10000 300 >/dev/null
echo "bronze written: $commits commits of $per_commit rows in $(echo "$(date +%s.%N) - $start" | bc) s"
SALESFLOW_SILVER_SYNC=$sync /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
  "$sf" --data-dir "$data" silver --until-caught-up 2>"$work/catchup.log" | tail -n 1
read -r wall user sys rss <"$work/time.txt"
rows=$((commits * per_commit))
echo "incremental catch-up: $rows rows in $wall s = $(echo "$rows / $wall" | bc) events/s;" \
  "CPU $(echo "$user + $sys" | bc) s; peak RSS $((rss / 1024)) MiB"
SALESFLOW_SILVER_SYNC=$sync /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
  "$sf" --data-dir "$data" silver --until-caught-up --rebuild 2>"$work/rebuild.log" | tail -n 1
read -r wall user sys rss <"$work/time.txt"
echo "rebuild from the active files: $((rows + 1000)) rows in $wall s = $(echo "($rows + 1000) / $wall" | bc) events/s;" \
  "CPU $(echo "$user + $sys" | bc) s; peak RSS $((rss / 1024)) MiB"

echo "== latency at $rate events/s for $seconds s"
data=$work/latency
"$feed" "$data/delta_ventes_table" 1 1000 0 7 10000 300 >/dev/null
SALESFLOW_SILVER_SYNC=$sync "$sf" --data-dir "$data" silver 2>"$work/latency.log" &
pid=$!
sleep 2
"$feed" "$data/delta_ventes_table" $((seconds * 10)) $((rate / 10)) 100 7 10000 \
  $((3000000 / rate)) >"$work/feed.log"
sleep 7  # a silver round (5 s) after the last bronze commit
kill -INT "$pid"
wait "$pid"
python3 "$root/bench/silver_latency.py" --data "$data" --skip-seconds 5
