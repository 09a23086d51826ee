#!/usr/bin/env python3
"""Parquet encode benchmark: salesflow's writer vs pyarrow on the bronze schema, same run.

usage: bench/parquet_vs_pyarrow.py [ROWS] [--bench PATH] [--codec zstd]
  (python from scripts/setup-venv; PATH defaults to build/bench/parquet_write_bench, `make build`)

1. parquet_write_bench encodes ROWS rows (default 10M) of the bronze schema with zstd, dictionary
   on, 1 Mi-row row groups, 1 MiB pages, on one thread, timing only the writer.
2. pyarrow reads that very file (so both engines encode the same values), then writes it with the
   same codec, dictionary, row-group and page settings, single-threaded (pa.set_cpu_count(1)),
   timed by the same CPU-time clock.
Reports rows/s and raw MB/s (raw = 8 bytes per int64/timestamp, 4 per int32/date, string bytes;
the same numerator for both) per CPU second and per wall second, file sizes, and the ratio.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq


def main():
    args = sys.argv[1:]
    rows = 10_000_000
    here = os.path.dirname(os.path.abspath(__file__))
    bench = os.path.join(here, "..", "build", "bench", "parquet_write_bench")
    codec = "zstd"
    i = 0
    while i < len(args):
        if args[i] == "--bench":
            bench = args[i + 1]
            i += 2
        elif args[i] == "--codec":
            codec = args[i + 1]
            i += 2
        else:
            rows = int(args[i])
            i += 1
    # Our writer's default zstd level is Arrow's (1); say it explicitly for pyarrow too.
    level = 1 if codec == "zstd" else None
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    with tempfile.TemporaryDirectory() as tmp:
        ours_path = os.path.join(tmp, "salesflow.parquet")
        out = subprocess.run([bench, ours_path, str(rows), codec], check=True,
                             capture_output=True, text=True).stdout
        ours = json.loads(out.strip().splitlines()[-1])
        table = pq.read_table(ours_path, use_threads=False)
        assert table.num_rows == rows, (table.num_rows, rows)
        theirs_path = os.path.join(tmp, "pyarrow.parquet")
        t0, c0 = time.perf_counter(), time.thread_time()
        pq.write_table(table, theirs_path, compression=codec, compression_level=level,
                       use_dictionary=True,
                       row_group_size=1 << 20, data_page_size=1 << 20,
                       dictionary_pagesize_limit=1 << 20, write_statistics=True)
        cpu, wall = time.thread_time() - c0, time.perf_counter() - t0
        theirs_size = os.path.getsize(theirs_path)
    raw = ours["raw_bytes"]
    print("rows: %d, codec %s, dictionary on, 1Mi-row row groups, single thread, pyarrow %s"
          % (rows, codec, pa.__version__))
    fmt = "%-10s %10s %12s %12s %10s %10s %12s"
    print(fmt % ("engine", "cpu s", "rows/cpu-s", "MB/cpu-s", "wall s", "rows/s", "file MB"))
    print(fmt % ("salesflow", "%.2f" % ours["cpu_seconds"], "%.0f" % (rows / ours["cpu_seconds"]),
                 "%.1f" % (raw / ours["cpu_seconds"] / 1e6), "%.2f" % ours["seconds"],
                 "%.0f" % (rows / ours["seconds"]), "%.1f" % (ours["file_bytes"] / 1e6)))
    print(fmt % ("pyarrow", "%.2f" % cpu, "%.0f" % (rows / cpu), "%.1f" % (raw / cpu / 1e6),
                 "%.2f" % wall, "%.0f" % (rows / wall), "%.1f" % (theirs_size / 1e6)))
    print("ratio salesflow/pyarrow (CPU time): %.2fx" % (cpu / ours["cpu_seconds"]))


if __name__ == "__main__":
    main()
