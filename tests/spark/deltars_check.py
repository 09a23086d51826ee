"""Checks that delta-rs (deltalake, the interop venv) reads the Spark-written table of
write_table.py to exactly the expected rows: the fixture is a valid Delta table for engines
other than Spark before salesflow's reader is tested against it.

  python deltars_check.py DIR      (DIR as given to write_table.py --out)
"""

import datetime
import decimal
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from check_exit import exit_passed  # noqa: E402


def as_text(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, (datetime.date, decimal.Decimal)):
        return str(value)
    return value


def main(out_dir):
    from deltalake import DeltaTable

    with open(os.path.join(out_dir, "expected.json")) as f:
        expected = json.load(f)
    table = DeltaTable(os.path.join(out_dir, "table"))
    rows = table.to_pyarrow_table().to_pylist()
    got = sorted(({k: as_text(v) for k, v in r.items()} for r in rows), key=lambda r: r["vente_id"])
    failures = []
    if table.version() != expected["version"]:
        failures.append(f"version {table.version()}, expected {expected['version']}")
    if got != expected["rows"]:
        failures.append(f"{len(got)} rows, expected {len(expected['rows'])}")
        for g, e in zip(got, expected["rows"]):
            if g != e:
                failures.append(f"first difference: got {g} expected {e}")
                break
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"delta-rs reads the Spark-written table: version {table.version()}, {len(got)} rows")
    return 0


if __name__ == "__main__":
    rc = main(sys.argv[1])
    if rc:
        sys.exit(rc)
    exit_passed()
