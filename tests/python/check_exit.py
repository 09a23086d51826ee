"""Ends a Python check once everything it asserts has passed, without interpreter teardown.

After a delta-rs read (DeltaTable.to_pandas / to_pyarrow_table), pyarrow's thread pool
aborts the interpreter's teardown in about one run of three on our 2-core machines:
"terminate called without an active exception", exit 134, after the script's last line.
It is upstream (delta-io/delta-rs#2184, apache/arrow#50482); we saw it with deltalake 1.6.6
on pyarrow 26.0.1 and 25.0.1, on tables written by delta-rs itself as well as by salesflow.
A check script calls exit_passed() as its last statement: a failed check has raised or
returned non-zero before it, so only a passing run skips the teardown.
"""
import os
import sys


def exit_passed():
    """Flushes output and exits 0 without running atexit hooks or finalizers."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
