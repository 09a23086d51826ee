"""The README's "Reading the tables" snippets, run as written against tables `salesflow demo`
writes (ctest readme_snippets, label interop). Each snippet block is marked in README.md with
<!-- snippet: NAME --> before its ```python fence and must print "rows: N" with N the bronze
row count; the pandas, delta-rs and DuckDB snippets run with the interop venv. The Spark
snippet needs pyspark + delta-spark and Maven access for its jars: it is compiled here, and run
only when SALESFLOW_README_SPARK=1 (with SALESFLOW_SPARK_PYTHON pointing at a python that has
them, e.g. the one scripts/setup-spark --python prints).

Usage: python readme_snippets_test.py --binary build/salesflow --readme README.md
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SNIPPET = re.compile(r"<!-- snippet: (\w+) -->\s*```python\n(.*?)```", re.S)
EXPECTED = {"pandas", "deltars", "duckdb", "spark"}

CHECK_EXIT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python")


def served_sales(url):
    try:
        with urllib.request.urlopen(url + "api/v1/kpis", timeout=5) as r:
            d = json.load(r)
        return d["kpis"]["nb_ventes"]["value"] if d.get("state") == "ready" else 0
    except Exception:
        return 0


def write_tables(binary, work):
    """Runs the demo until 2000 history events are on the dashboard, then Ctrl-C (it drains)."""
    out = open(os.path.join(work, "demo.out"), "w+")
    err = open(os.path.join(work, "demo.err"), "w")
    demo = subprocess.Popen(
        [binary, "--data-dir", os.path.join(work, "data"), "demo", "--port", "0",
         "--history-events", "2000", "--rate", "10"], stdout=out, stderr=err)
    try:
        url = None
        deadline = time.time() + 120
        while time.time() < deadline:
            out.seek(0)
            m = re.search(r"dashboard at (http://\S+)", out.read())
            if m:
                url = m.group(1)
            if url and served_sales(url) >= 2000:
                break
            if demo.poll() is not None:
                sys.exit(f"demo exited early: {open(err.name).read()[-2000:]}")
            time.sleep(0.5)
        else:
            sys.exit("the demo did not ingest 2000 events in 120 s")
        demo.send_signal(signal.SIGINT)
        if demo.wait(timeout=90) != 0:
            sys.exit(f"demo exited {demo.returncode}")
    finally:
        if demo.poll() is None:
            demo.kill()
    out.seek(0)
    m = re.search(r"bronze ingested (\d+)", out.read())
    return int(m.group(1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--readme", required=True)
    args = p.parse_args()
    snippets = dict((name, code) for name, code in SNIPPET.findall(open(args.readme).read()))
    missing = EXPECTED - snippets.keys()
    if missing:
        sys.exit(f"README lacks snippets {sorted(missing)}")
    failures = []
    with tempfile.TemporaryDirectory(prefix="salesflow-readme-") as work:
        rows = write_tables(args.binary, work)
        print(f"demo wrote {rows} bronze rows")
        for name, code in sorted(snippets.items()):
            compile(code, f"README snippet {name}", "exec")
            if name == "spark" and os.environ.get("SALESFLOW_README_SPARK") != "1":
                print(f"ok   {name}: compiles (run it with SALESFLOW_README_SPARK=1)")
                continue
            python = sys.executable
            if name == "spark":
                python = os.environ.get("SALESFLOW_SPARK_PYTHON", python)
            # The snippet runs as written; the appended exit_passed() (reached only when the
            # snippet ran through) skips pyarrow's teardown abort (tests/python/check_exit.py).
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                filter(None, [CHECK_EXIT_DIR, os.environ.get("PYTHONPATH")])))
            run = subprocess.run([python, "-c", code + "\nfrom check_exit import exit_passed\nexit_passed()\n"],
                                 cwd=work, env=env, capture_output=True, text=True, timeout=600)
            printed = re.findall(r"^rows: (\d+)$", run.stdout, re.M)
            ok = run.returncode == 0 and printed and int(printed[-1]) == rows
            print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {run.returncode}, rows {printed}")
            if not ok:
                failures.append(name)
                print(run.stdout[-2000:], run.stderr[-3000:])
    if failures:
        sys.exit(f"snippets failed: {failures}")
    print("PASS")


if __name__ == "__main__":
    main()
