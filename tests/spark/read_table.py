"""Reads a Delta table with Spark (delta-spark) with a filter on a date and on an amount, and
prints counts as JSON: how users check a table from Spark, and how bench/run and the interop
test check salesflow's tables. The filter is pushed down, so Spark uses the partition
values, the per-file stats and the checkpoint of the table it reads.

  python read_table.py --table DIR [--date-column date_vente] [--date-from 2024-12-15]
      [--amount-column montant] [--montant-min 500.00] [--sum COL ...] [--expect FILE]

Prints {"table", "version", "rows", "filtered_rows", "filtered_sums": {COL: text},
"sums": {COL: text}, "filter"}. Sums are exact (decimal or integer) as text.
--expect FILE (JSON with any of those keys, or {"expect": {...}}) exits 1 on a mismatch.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench", "spark"))
import spark_session  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description="Spark read check of a Delta table")
    p.add_argument("--table", required=True, help="Delta table directory")
    p.add_argument("--date-column", default="date_vente", help="date (or timestamp) column to filter")
    p.add_argument("--date-from", help="keep rows with date column >= this (YYYY-MM-DD)")
    p.add_argument("--amount-column", default="montant", help="amount column to filter")
    p.add_argument("--montant-min", help="keep rows with amount column >= this")
    p.add_argument("--sum", action="append", default=[], help="column to sum (repeatable)")
    p.add_argument("--expect", help="JSON file of expected values; exit 1 when one differs")
    p.add_argument("--output", default="-", help="write the JSON here ('-' = stdout)")
    return p.parse_args(argv)


def exact_sums(frame, columns):
    from pyspark.sql import functions as F

    if not columns:
        return {}
    row = frame.agg(*[F.sum(c).alias(c) for c in columns]).collect()[0]
    return {c: (None if row[c] is None else str(row[c])) for c in columns}


def main(argv):
    args = parse_args(argv)
    spark, startup_s = spark_session.build_session("salesflow-spark-read-check")
    from delta.tables import DeltaTable
    from pyspark.sql import functions as F

    frame = spark.read.format("delta").load(args.table)
    cond = F.lit(True)
    described = []
    if args.date_from:
        cond = cond & (F.col(args.date_column) >= F.lit(args.date_from).cast("date"))
        described.append(f"{args.date_column} >= {args.date_from}")
    if args.montant_min:
        cond = cond & (F.col(args.amount_column) >= F.lit(args.montant_min).cast("decimal(18,2)"))
        described.append(f"{args.amount_column} >= {args.montant_min}")
    filtered = frame.where(cond)
    result = {
        "table": os.path.abspath(args.table),
        "version": DeltaTable.forPath(spark, args.table).history(1).collect()[0]["version"],
        "rows": frame.count(),
        "filtered_rows": filtered.count(),
        "sums": exact_sums(frame, args.sum),
        "filtered_sums": exact_sums(filtered, args.sum),
        "filter": " AND ".join(described) or "none",
        "spark_startup_s": round(startup_s, 2),
    }
    spark.stop()
    spark_session.write_report(args.output, result)

    if args.expect:
        with open(args.expect) as f:
            expected = json.load(f)
        expected = expected.get("read_check", expected).get("expect", expected)
        bad = [f"{k}: expected {v!r}, Spark read {result.get(k)!r}"
               for k, v in expected.items() if result.get(k) != v]
        if bad:
            print("read check FAILED on " + args.table + ":\n  " + "\n  ".join(bad), file=sys.stderr)
            return 1
        print(f"read check OK: {len(expected)} expected values match", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
