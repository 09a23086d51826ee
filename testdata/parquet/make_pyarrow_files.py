#!/usr/bin/env python3
"""Writes the small pyarrow-made Parquet files the thrift/metadata tests compare against.

Usage: make_pyarrow_files.py OUT_DIR   (run with the venv's python: scripts/setup-venv)
The files are committed; rerun only to refresh them (pyarrow's footer bytes may change with
its version, and the tests only need the bytes to be a real pyarrow footer).
"""
import decimal
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]

flat = pa.table({
    "id": pa.array([1, 2, 3], pa.int64()),
    "qty": pa.array([10, None, 30], pa.int32()),
    "name": pa.array(["a", "é", None], pa.string()),
    "day": pa.array([19000, 19001, None], pa.date32()),
    "ts": pa.array([1, 2, 3], pa.timestamp("us", tz="UTC")),
    "amount": pa.array([decimal.Decimal("1.25"), None, decimal.Decimal("-3.50")],
                       pa.decimal128(18, 2)),
    "flag": pa.array([True, False, None]),
    "ratio": pa.array([0.5, None, 2.0], pa.float64()),
})
pq.write_table(flat, f"{out}/pyarrow_flat.parquet", compression="snappy")

nested = pa.table({
    "tags": pa.array([["x", "y"], [], None], pa.list_(pa.string())),
    "props": pa.array([[("k", "v")], None, []], pa.map_(pa.string(), pa.string())),
    "s": pa.array([{"a": 1, "b": "p"}, None, {"a": None, "b": "q"}],
                  pa.struct([("a", pa.int32()), ("b", pa.string())])),
})
pq.write_table(nested, f"{out}/pyarrow_nested.parquet", compression="zstd")
