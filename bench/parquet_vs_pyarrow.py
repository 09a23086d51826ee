#!/usr/bin/env python3
"""Parquet encode benchmark: salesflow's writer vs pyarrow on the bronze schema, same run.

usage: bench/parquet_vs_pyarrow.py [ROWS] [--bench PATH] [--read-bench PATH] [--codec zstd]
  (python from scripts/setup-venv; PATHs default to build/bench/parquet_{write,read}_bench,
  `make build`)

1. parquet_write_bench encodes ROWS rows (default 10M) of the bronze schema with zstd, dictionary
   on, 1 Mi-row row groups, 1 MiB pages, on one thread, timing only the writer.
2. pyarrow reads that very file (so both engines encode the same values), then writes it with the
   same codec, dictionary, row-group and page settings, single-threaded (pa.set_cpu_count(1)),
   timed by process CPU time (all of its threads).
3. Decoding: our reader (parquet_read_bench, best of 3) and pyarrow (pq.read_table, one thread,
   best of 3) read our file, which both then hold in columnar memory.
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
    read_bench = None
    i = 0
    while i < len(args):
        if args[i] == "--bench":
            bench = args[i + 1]
            i += 2
        elif args[i] == "--read-bench":
            read_bench = args[i + 1]
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
        t0, c0 = time.perf_counter(), time.process_time()
        pq.write_table(table, theirs_path, compression=codec, compression_level=level,
                       use_dictionary=True,
                       row_group_size=1 << 20, data_page_size=1 << 20,
                       dictionary_pagesize_limit=1 << 20, write_statistics=True)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        theirs_size = os.path.getsize(theirs_path)
        del table
        if read_bench is None:
            read_bench = os.path.join(os.path.dirname(bench), "parquet_read_bench")
        ours_read = None
        if os.path.exists(read_bench):
            out = subprocess.run([read_bench, ours_path, "3"], check=True, capture_output=True,
                                 text=True).stdout
            ours_read = json.loads(out.strip().splitlines()[-1])
        read_cpu = None
        for _ in range(3):
            c0 = time.process_time()
            t = pq.read_table(ours_path, use_threads=False)
            c = time.process_time() - c0
            read_cpu = c if read_cpu is None else min(read_cpu, c)
            del t
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
    print("encode ratio salesflow/pyarrow (CPU time): %.2fx" % (cpu / ours["cpu_seconds"]))
    print()
    print("decode of the salesflow file (%.1f MB), best of 3, one thread:" % (ours["file_bytes"] / 1e6))
    fmt2 = "%-10s %10s %12s %12s"
    print(fmt2 % ("engine", "cpu s", "rows/cpu-s", "MB/cpu-s"))
    if ours_read is not None:
        print(fmt2 % ("salesflow", "%.2f" % ours_read["cpu_s"], "%.0f" % (rows / ours_read["cpu_s"]),
                      "%.1f" % (raw / ours_read["cpu_s"] / 1e6)))
    print(fmt2 % ("pyarrow", "%.2f" % read_cpu, "%.0f" % (rows / read_cpu),
                  "%.1f" % (raw / read_cpu / 1e6)))
    if ours_read is not None:
        print("decode ratio salesflow/pyarrow (CPU time): %.2fx" % (read_cpu / ours_read["cpu_s"]))


if __name__ == "__main__":
    main()
