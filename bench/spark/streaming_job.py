"""What the Structured Streaming baseline jobs (bronze_stream.py, silver_aggregate.py) share:
their run options, the SparkSession and the CPU it uses, running a query to its end (catch-up)
or until told to stop (latency runs), and the JSON report bench/run reads.
"""

import os
import signal
import time

import spark_session


def add_run_arguments(p):
    """The options of every streaming job, after the job's own."""
    p.add_argument("--checkpoint", required=True, help="Structured Streaming checkpointLocation")
    p.add_argument("--trigger", default="available-now",
                   help="'available-now' (catch-up, then stop) or a processingTime like '1s'")
    p.add_argument("--stop-file", help="processingTime runs stop once this file exists")
    p.add_argument("--ready-file", help="written once the query has started")
    p.add_argument("--report", default="-", help="JSON figures to this file ('-' = stdout)")


def run_until_stopped(query, stop_file):
    """processingTime runs: until the stop file appears, SIGTERM or SIGINT."""
    stop = {"now": False}

    def on_signal(_sig, _frm):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not stop["now"] and not (stop_file and os.path.exists(stop_file)):
        if query.awaitTermination(0.5):
            break
    if query.isActive:
        query.stop()


class StreamingJob:
    """One job's SparkSession (salesflow-bench-spark-NAME) and the CPU it used from its start."""

    def __init__(self, name):
        self.name = name
        self.spark, self.startup_s = spark_session.build_session(
            f"salesflow-bench-spark-{name}",
            extra_conf={"spark.sql.streaming.numRecentProgressUpdates": "10000"})
        self.usage = spark_session.ProcessUsage(spark_session.jvm_pid(self.spark))
        self.cpu_at_start = self.usage.cpu_seconds()
        self.py_cpu_at_start = spark_session.python_cpu_seconds()

    def run(self, writer, args, t0, path=None):
        """Starts the writer with args.trigger (into path, if given), writes args.ready_file,
        runs to the end or until stopped; returns (query, seconds since t0). A failed query
        ends the job."""
        if args.trigger == "available-now":
            writer = writer.trigger(availableNow=True)
        else:
            writer = writer.trigger(processingTime=spark_session.interval(args.trigger))
        query = writer.start(path) if path else writer.start()
        if args.ready_file:
            with open(args.ready_file, "w") as f:
                f.write("ready\n")
        if args.trigger == "available-now":
            query.awaitTermination()
        else:
            run_until_stopped(query, args.stop_file)
        run_s = time.monotonic() - t0
        if query.exception() is not None:
            raise SystemExit(f"{self.name} query failed: {query.exception()}")
        return query, run_s

    def finish(self, query, run_s, args, **fields):
        """Stops Spark and writes the report: the query's rows and batches, the times and CPU,
        and the job's own fields."""
        progress = query.recentProgress
        rows = sum(p["numInputRows"] for p in progress)
        report = {
            "job": f"spark-{self.name}",
            "trigger": args.trigger,
            **fields,
            "jvm_startup_s": round(self.startup_s, 3),
            "run_s": round(run_s, 3),
            "rows": rows,
            "batches": sum(1 for p in progress if p["numInputRows"] > 0),
            "events_per_s": round(rows / run_s, 1) if run_s > 0 else None,
            "jvm_cpu_startup_s": round(self.cpu_at_start, 2),
            "jvm_cpu_run_s": round(self.usage.cpu_seconds() - self.cpu_at_start, 2),
            "python_cpu_run_s": round(spark_session.python_cpu_seconds() - self.py_cpu_at_start, 2),
            "jvm_peak_rss_bytes": self.usage.peak_rss_bytes(),
        }
        self.spark.stop()
        spark_session.write_report(args.report, report)
