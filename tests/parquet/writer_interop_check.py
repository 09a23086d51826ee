#!/usr/bin/env python3
"""Checks files salesflow's Parquet writer made against pyarrow and DuckDB.

Usage: writer_interop_check.py DIR
For every DIR/<name>.parquet there is DIR/<name>.expected.jsonl (the rows, in the canonical
form below, written by tests/parquet/writer_interop_test.cc from the batches it wrote) and
DIR/<name>.stats.json (the writer's file-level statistics of flat columns). Checks:
  1. pyarrow reads exactly the expected rows;
  2. DuckDB reads exactly the expected rows;
  3. for every row group and flat column, pyarrow's statistics (min, max, null_count) equal
     the ones computed from the values pyarrow read, and over the file they equal the
     writer's reported statistics.
Canonical form: ints as ints, floats as floats (NaN as "NaN"), strings as strings, binary as
hex, decimals as str(Decimal), dates as days since the epoch, timestamps as microseconds since
the epoch, structs as objects, lists as arrays, maps as arrays of [key, value].
Prints one line per problem; exits 1 when there is any.
"""
import datetime
import decimal
import glob
import json
import math
import os
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.types as pt

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def canon(t, v):
    if v is None:
        return None
    if pt.is_struct(t):
        return {t.field(i).name: canon(t.field(i).type, v[t.field(i).name]) for i in range(t.num_fields)}
    if pt.is_map(t):
        return [[canon(t.key_type, k), canon(t.item_type, x)] for k, x in v]
    if pt.is_list(t) or pt.is_large_list(t):
        return [canon(t.value_type, x) for x in v]
    if pt.is_timestamp(t):
        if isinstance(v, datetime.datetime):
            base = EPOCH_UTC if v.tzinfo is not None else EPOCH_NAIVE
            return (v - base) // datetime.timedelta(microseconds=1)
        return int(v)
    if pt.is_date(t):
        return (v - EPOCH_DATE).days
    if pt.is_decimal(t):
        return str(v)
    if pt.is_floating(t):
        return "NaN" if math.isnan(v) else float(v)
    if pt.is_binary(t) or pt.is_large_binary(t) or pt.is_fixed_size_binary(t) or \
            (hasattr(pt, "is_binary_view") and pt.is_binary_view(t)):
        return bytes(v).hex()
    return v


def canon_table(table):
    names = table.column_names
    cols = [[canon(table.schema.field(n).type, x) for x in table.column(n).to_pylist()]
            for n in names]
    return [dict(zip(names, row)) for row in zip(*cols)] if cols else []


def first_diff(got, want):
    if len(got) != len(want):
        return "row count %d, expected %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            for k in w:
                if g.get(k) != w[k]:
                    return "row %d column %s: got %r, expected %r" % (i, k, g.get(k), w[k])
            return "row %d: got %r, expected %r" % (i, g, w)
    return None


def duckdb_table(path):
    rel = duckdb.sql("SELECT * FROM read_parquet('%s')" % path.replace("'", "''"))
    for name in ("to_arrow_table", "fetch_arrow_table", "arrow"):
        fn = getattr(rel, name, None)
        if fn is not None:
            t = fn()
            if isinstance(t, pa.RecordBatchReader):
                t = t.read_all()
            return t
    raise RuntimeError("no arrow export in this duckdb")


def check_stats(path, problems, writer_stats):
    f = pq.ParquetFile(path)
    md = f.metadata
    schema = f.schema_arrow
    flat = {n: schema.field(n).type for n in schema.names
            if not (pt.is_nested(schema.field(n).type))}
    leaf_index = {md.schema.column(j).path: j for j in range(md.num_columns)}
    file_stats = {}
    for g in range(md.num_row_groups):
        table = f.read_row_group(g)
        for name, t in flat.items():
            j = leaf_index[name]
            st = md.row_group(g).column(j).statistics
            values = [canon(t, x) for x in table.column(name).to_pylist()]
            present = [x for x in values if x is not None and x != "NaN"]
            nulls = sum(1 for x in values if x is None)
            if st is None:
                problems.append("%s rg %d %s: no statistics" % (path, g, name))
                continue
            if st.null_count != nulls:
                problems.append("%s rg %d %s: null_count %d, data has %d" % (path, g, name, st.null_count, nulls))
            if present:
                key = (lambda x: bytes.fromhex(x)) if isinstance(present[0], str) and \
                    (pt.is_binary(t) or pt.is_fixed_size_binary(t)) else \
                    (lambda x: decimal.Decimal(x)) if pt.is_decimal(t) else \
                    (lambda x: x.encode("utf-8")) if isinstance(present[0], str) else (lambda x: x)
                lo, hi = min(present, key=key), max(present, key=key)
                if not st.has_min_max:
                    problems.append("%s rg %d %s: no min/max" % (path, g, name))
                    continue
                smin, smax = canon(t, st.min), canon(t, st.max)
                if (smin, smax) != (lo, hi):
                    problems.append("%s rg %d %s: stats min/max %r/%r, data %r/%r" % (path, g, name, smin, smax, lo, hi))
                fs = file_stats.setdefault(name, {"null_count": 0})
                fs["min"] = min(fs["min"], lo, key=key) if "min" in fs else lo
                fs["max"] = max(fs["max"], hi, key=key) if "max" in fs else hi
            file_stats.setdefault(name, {"null_count": 0})["null_count"] += nulls
    for name, want in writer_stats.items():
        got = file_stats.get(name, {"null_count": 0})
        for k in ("min", "max", "null_count"):
            if got.get(k) != want.get(k):
                problems.append("%s %s: file %s from pyarrow %r, writer said %r" % (path, name, k, got.get(k), want.get(k)))


def main():
    problems = []
    files = sorted(glob.glob(os.path.join(sys.argv[1], "*.parquet")))
    if not files:
        problems.append("no parquet files in " + sys.argv[1])
    for path in files:
        base = path[:-len(".parquet")]
        with open(base + ".expected.jsonl") as fh:
            want = [json.loads(line) for line in fh if line.strip()]
        with open(base + ".stats.json") as fh:
            writer_stats = json.load(fh)
        try:
            d = first_diff(canon_table(pq.read_table(path)), want)
            if d:
                problems.append("%s pyarrow: %s" % (path, d))
        except Exception as e:  # noqa: BLE001 - any failure is a finding
            problems.append("%s pyarrow failed: %s" % (path, e))
        try:
            d = first_diff(canon_table(duckdb_table(path)), want)
            if d:
                problems.append("%s duckdb: %s" % (path, d))
        except Exception as e:  # noqa: BLE001
            problems.append("%s duckdb failed: %s" % (path, e))
        try:
            check_stats(path, problems, writer_stats)
        except Exception as e:  # noqa: BLE001
            problems.append("%s statistics check failed: %s" % (path, e))
        print("checked %s (%d rows)" % (os.path.basename(path), len(want)))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
