"""The counts of tests/spark/read_table.py computed by delta-rs instead of Spark (run with the
interop venv: scripts/setup-venv), so bench/run can check Spark's reading of salesflow's
tables against a second engine. Same arguments and JSON keys as read_table.py.
"""

import argparse
import datetime
import decimal
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tests/python"))
from check_exit import exit_passed  # noqa: E402


def main(argv):
    p = argparse.ArgumentParser(description="delta-rs counts with a date/amount filter")
    p.add_argument("--table", required=True)
    p.add_argument("--date-column", default="date_vente")
    p.add_argument("--date-from")
    p.add_argument("--amount-column", default="montant")
    p.add_argument("--montant-min")
    p.add_argument("--sum", action="append", default=[])
    args = p.parse_args(argv)

    import pyarrow as pa
    import pyarrow.compute as pc
    from deltalake import DeltaTable

    dt = DeltaTable(args.table)
    table = dt.to_pyarrow_table()
    mask = pa.array([True] * table.num_rows)
    if args.date_from:
        col = table.column(args.date_column)
        day = datetime.date.fromisoformat(args.date_from)
        if pa.types.is_timestamp(col.type):
            bound = pa.scalar(datetime.datetime(day.year, day.month, day.day,
                                                tzinfo=datetime.timezone.utc if col.type.tz else None),
                              type=col.type)
        else:
            bound = pa.scalar(day, type=col.type)
        mask = pc.and_(mask, pc.greater_equal(col, bound))
    if args.montant_min:
        col = table.column(args.amount_column)
        mask = pc.and_(mask, pc.greater_equal(col, pa.scalar(decimal.Decimal(args.montant_min),
                                                                type=col.type)))
    filtered = table.filter(mask)

    def sums(t):
        out = {}
        for c in args.sum:
            s = pc.sum(t.column(c)).as_py()
            out[c] = None if s is None else str(s)
        return out

    print(json.dumps({
        "version": dt.version(),
        "rows": table.num_rows,
        "filtered_rows": filtered.num_rows,
        "sums": sums(table),
        "filtered_sums": sums(filtered),
    }, indent=2, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
    exit_passed()  # skips pyarrow's teardown abort after the reads (tests/python/check_exit.py)
