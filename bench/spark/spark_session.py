"""The SparkSession every baseline job and Spark test uses, and the JVM's resource figures.

One place fixes the baseline's tuning (bench/README.md, "Spark baseline"): local[2] on the
2-core machine, 4 shuffle partitions, Delta's SQL extension and catalog, UTC session time
zone (salesflow's default `timezone`), and the Kafka/Delta jars given as local paths with
spark.jars (scripts/setup-spark), never spark.jars.packages: nothing is fetched at run time.
"""

import json
import os
import resource
import subprocess
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
_ROOT = os.path.dirname(os.path.dirname(_HERE))

# Clock ticks per second for /proc/<pid>/stat utime/stime.
_CLK_TCK = os.sysconf("SC_CLK_TCK")


def spark_jars():
    """Comma-separated local jar paths: env SALESFLOW_SPARK_JARS, else scripts/setup-spark."""
    jars = os.environ.get("SALESFLOW_SPARK_JARS")
    if jars:
        return jars
    out = subprocess.run([os.path.join(_ROOT, "scripts", "setup-spark"), "--jars"],
                         check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def build_session(app_name, shuffle_partitions=4, driver_memory="2g", extra_conf=None):
    """Starts local[2] Spark with Delta; returns (spark, startup_seconds)."""
    from pyspark.sql import SparkSession

    t0 = time.monotonic()
    builder = (
        SparkSession.builder.appName(app_name)
        .master("local[2]")
        .config("spark.jars", spark_jars())
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        # Every server we run binds to loopback only (the driver's RPC and block manager).
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        # The web UI costs a thread pool and memory a headless benchmark does not use.
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in (extra_conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark, time.monotonic() - t0


def jvm_pid(spark):
    """The driver JVM's process id (local mode: the only JVM, executors included)."""
    return int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())


class ProcessUsage:
    """CPU seconds (user+system) and peak RSS of one process, from /proc (Linux)."""

    def __init__(self, pid):
        self.pid = pid

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as f:
            # Fields after the command name (which may hold spaces) start after the last ')'.
            fields = f.read().rsplit(")", 1)[1].split()
        utime, stime = int(fields[11]), int(fields[12])
        return (utime + stime) / _CLK_TCK

    def peak_rss_bytes(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        return 0


def interval(text):
    """'1s', '500ms', '2m' -> Spark's interval text ('1 seconds'); other text passes through."""
    for suffix, unit in (("ms", "milliseconds"), ("s", "seconds"), ("m", "minutes")):
        number = text[: -len(suffix)]
        if text.endswith(suffix) and number.isdigit():
            return f"{number} {unit}"
    return text


def python_cpu_seconds():
    """This Python driver's own CPU (py4j calls, foreachBatch bodies): small but counted."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def write_report(path, report):
    """Writes the job's figures as JSON (bench/run reads them); '-' means stdout."""
    text = json.dumps(report, indent=2, sort_keys=True)
    if path == "-" or not path:
        print(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text + "\n")
    os.replace(tmp, path)
