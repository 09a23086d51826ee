#!/usr/bin/env python3
"""salesflow's reader reads the Spark-written fixture table exactly as Spark wrote it.

Runs `salesflow table show --json` on DIR/table and compares every row with DIR/expected.json
(written by write_table.py from Spark's own view). Timestamps: salesflow prints ISO-8601 UTC
with microseconds and a Z, expected.json has naive UTC seconds; both are parsed to instants.
"""
import argparse
import datetime as dt
import json
import subprocess
import sys


def instant(text):
    text = text.rstrip("Z")
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.timezone.utc)


def normalise(row, timestamp_columns):
    out = dict(row)
    for column in timestamp_columns:
        if out.get(column) is not None:
            out[column] = instant(out[column])
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--salesflow", required=True, help="path to the salesflow binary")
    parser.add_argument("--fixture", required=True, help="folder holding table/ and expected.json")
    args = parser.parse_args()

    with open(f"{args.fixture}/expected.json", encoding="utf-8") as f:
        expected = json.load(f)
    shown = subprocess.run([args.salesflow, "table", "show", f"{args.fixture}/table", "--json"],
                           check=True, capture_output=True, text=True).stdout
    ours = [json.loads(line) for line in shown.splitlines() if line.strip()]

    timestamp_columns = ["event_time"]
    want = sorted((normalise(r, timestamp_columns) for r in expected["rows"]),
                  key=lambda r: r["vente_id"])
    got = sorted((normalise(r, timestamp_columns) for r in ours), key=lambda r: r["vente_id"])
    if len(got) != len(want):
        print(f"row count: salesflow {len(got)}, Spark {len(want)}")
        return 1
    for a, b in zip(got, want):
        if a != b:
            print(f"row differs:\n  salesflow {a}\n  spark     {b}")
            return 1
    print(f"salesflow read {len(got)} rows of the Spark-written table (version "
          f"{expected['version']}) exactly as Spark wrote them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
