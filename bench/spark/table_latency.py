"""End-to-end latency from the tables themselves, for either system (needs pyarrow: run it
with the interop venv, scripts/setup-venv).

For every bronze row whose Kafka CreateTime (kafka_timestamp) is at or after --since-ms:
  bronze latency = commitInfo timestamp of the bronze version that added the row's file
                   - kafka_timestamp
  silver latency = commitInfo timestamp of the first silver commit that covers that bronze
                   version - kafka_timestamp (produce to visible in silver)
How a silver commit says which bronze versions it covers:
  salesflow: its txn action appId "salesflow-silver", version = last bronze version folded in;
  spark:     its txn action appId "spark-silver", version = micro-batch id, and the batch's
             end offset in <silver checkpoint>/offsets/<id> (reservoirVersion, index): bronze
             version v is covered once reservoirVersion > v (or == v with the version's last
             file index, or a starting-snapshot offset).

  python table_latency.py --bronze DIR [--silver DIR] --system spark|salesflow
      [--silver-checkpoint DIR] --since-ms T [--until-ms T]   -> JSON on stdout
Without --silver only the bronze figures are computed (bench/bronze.sh uses that).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import delta_log  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tests/python"))
from check_exit import exit_passed  # noqa: E402


def percentile(sorted_values, q):
    """Nearest-rank percentile of a sorted list (q in 0..100)."""
    if not sorted_values:
        return None
    rank = max(1, int(-(-q * len(sorted_values) // 100)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summary(values_ms):
    values = sorted(values_ms)
    return {
        "events": len(values),
        "p50_ms": percentile(values, 50),
        "p99_ms": percentile(values, 99),
        "max_ms": values[-1] if values else None,
    }


def spark_batch_ends(checkpoint):
    """batch id -> (reservoirVersion, index, isStartingVersion) of the Delta source offset."""
    ends = {}
    offsets = os.path.join(checkpoint, "offsets")
    for name in os.listdir(offsets):
        if not name.isdigit():
            continue
        with open(os.path.join(offsets, name)) as f:
            lines = f.read().splitlines()
        source = json.loads(lines[2])
        ends[int(name)] = (source["reservoirVersion"], source["index"],
                           bool(source.get("isStartingVersion")))
    return ends


def silver_visibility(bronze, silver_commits, system, checkpoint):
    """bronze version -> ms timestamp of the first silver commit covering it."""
    covered_at = {}
    if system == "salesflow":
        marks = [(c.txns["salesflow-silver"], c.timestamp_ms) for c in silver_commits
                 if "salesflow-silver" in c.txns]
        for bronze_version, ts in marks:
            for v in range(bronze_version + 1):
                covered_at.setdefault(v, ts)
        return covered_at
    ends = spark_batch_ends(checkpoint)
    for c in silver_commits:
        if "spark-silver" not in c.txns:
            continue
        batch = c.txns["spark-silver"]
        if batch not in ends:
            continue
        rv, index, starting = ends[batch]
        for v in range(min(rv + 1, len(bronze))):
            last_index = len(bronze[v].adds) - 1
            if v < rv or starting or (index >= 0 and index >= last_index):
                covered_at.setdefault(v, c.timestamp_ms)
    return covered_at


def kafka_timestamps_ms(path):
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    col = pq.read_table(path, columns=["kafka_timestamp"]).column(0)
    if col.type.tz is not None:
        col = pc.cast(col, pa.timestamp(col.type.unit))
    return pc.cast(pc.cast(col, pa.timestamp("ms")), pa.int64()).to_pylist()


def main(argv):
    p = argparse.ArgumentParser(description="latency from Delta tables")
    p.add_argument("--bronze", required=True)
    p.add_argument("--silver", help="silver table (omit for bronze latency only)")
    p.add_argument("--system", choices=["spark", "salesflow"], required=True)
    p.add_argument("--silver-checkpoint", help="spark: the silver query's checkpointLocation")
    p.add_argument("--since-ms", type=int, default=0, help="only rows with CreateTime >= this")
    p.add_argument("--until-ms", type=int, default=2**62, help="only rows with CreateTime < this")
    args = p.parse_args(argv)

    bronze = delta_log.read_log(args.bronze)
    silver = delta_log.read_log(args.silver) if args.silver else []
    covered_at = (silver_visibility(bronze, silver, args.system, args.silver_checkpoint)
                  if args.silver else {})

    bronze_lat, silver_lat, not_in_silver = [], [], 0
    for commit in bronze:
        if commit.operation and "OPTIMIZE" in commit.operation.upper():
            continue  # compaction re-adds old rows: not when they became visible
        for rel, _ in commit.adds:
            for ts in kafka_timestamps_ms(os.path.join(args.bronze, rel)):
                if ts is None or ts < args.since_ms or ts >= args.until_ms:
                    continue
                bronze_lat.append(commit.timestamp_ms - ts)
                if commit.version in covered_at:
                    silver_lat.append(covered_at[commit.version] - ts)
                elif args.silver:
                    not_in_silver += 1
    result = {
        "system": args.system,
        "bronze_versions": len(bronze),
        "silver_versions": len(silver),
        "bronze": summary(bronze_lat),
        "silver": summary(silver_lat),
        "rows_not_yet_in_silver": not_in_silver,
    }
    print(json.dumps(result, indent=2, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
    exit_passed()  # skips pyarrow's teardown abort after the reads (tests/python/check_exit.py)
