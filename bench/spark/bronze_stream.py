"""Spark baseline of `salesflow bronze`: Kafka topic ventes_stream -> Delta bronze table.

What the original pipeline's Structured Streaming job did, reasonably tuned: read the topic
with the Kafka source, parse the JSON with the sale schema, enrich with the same columns
salesflow writes (event_time, date_vente, ingested_at, kafka_topic, kafka_partition,
kafka_offset, kafka_timestamp), append to delta_ventes_table partitioned by date_vente, with a
checkpointLocation so a restart resumes exactly where it stopped.

Amounts: the original schema parses montant as double; the baseline then casts it to
decimal(18,2) (exact to the cent, like salesflow's table) - see bench/README.md.

  python bronze_stream.py --brokers 127.0.0.1:9092 --table DIR --checkpoint DIR \
      --trigger available-now [--report out.json]
  python bronze_stream.py ... --trigger 1s --stop-file PATH   (runs until PATH exists)
"""

import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spark_session  # noqa: E402

# The sale event as the original job declared it (montant double, then cast; see above).
SALE_SCHEMA_DDL = (
    "vente_id BIGINT, client_id BIGINT, produit_id BIGINT, timestamp STRING, quantite INT, "
    "montant DOUBLE, client_nom STRING, produit_nom STRING, categorie STRING, pays STRING, "
    "segment STRING")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--brokers", required=True, help="Kafka bootstrap servers")
    p.add_argument("--topic", default="ventes_stream", help="topic to read")
    p.add_argument("--table", required=True, help="bronze Delta table directory")
    p.add_argument("--checkpoint", required=True, help="Structured Streaming checkpointLocation")
    p.add_argument("--trigger", default="available-now",
                   help="'available-now' (catch-up, then stop) or a processingTime like '1s'")
    p.add_argument("--max-offsets-per-trigger", type=int, default=1_000_000,
                   help="Kafka source maxOffsetsPerTrigger (rows per micro-batch)")
    p.add_argument("--min-partitions", type=int,
                   help="Kafka source minPartitions: split the topic's partitions into at least "
                        "this many tasks (3 partitions on 2 cores: 6 keeps both cores busy)")
    p.add_argument("--starting-offsets", default="earliest", help="Kafka source startingOffsets")
    p.add_argument("--stop-file", help="processingTime runs stop once this file exists")
    p.add_argument("--ready-file", help="written once the query has started")
    p.add_argument("--report", default="-", help="JSON figures to this file ('-' = stdout)")
    return p.parse_args(argv)


def bronze_frame(spark, args):
    """The streaming DataFrame: Kafka records parsed and enriched, ready for the sink."""
    from pyspark.sql import functions as F

    reader = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", args.brokers)
        .option("subscribe", args.topic)
        .option("startingOffsets", args.starting_offsets)
        .option("maxOffsetsPerTrigger", str(args.max_offsets_per_trigger))
        # Data gone from Kafka must stop the job, never be skipped silently.
        .option("failOnDataLoss", "true")
    )
    if args.min_partitions:
        reader = reader.option("minPartitions", str(args.min_partitions))
    raw = reader.load()
    parsed = raw.select(
        F.from_json(F.col("value").cast("string"), SALE_SCHEMA_DDL).alias("v"),
        F.col("topic").alias("kafka_topic"),
        F.col("partition").alias("kafka_partition"),
        F.col("offset").alias("kafka_offset"),
        F.col("timestamp").alias("kafka_timestamp"),
    )
    event_time = F.to_timestamp(F.col("v.timestamp"))
    return (
        parsed.where(F.col("v.vente_id").isNotNull())
        .select(
            "v.vente_id", "v.client_id", "v.produit_id", "v.timestamp", "v.quantite",
            F.col("v.montant").cast("decimal(18,2)").alias("montant"),
            "v.client_nom", "v.produit_nom", "v.categorie", "v.pays", "v.segment",
            event_time.alias("event_time"),
            F.to_date(event_time).alias("date_vente"),
            F.current_timestamp().alias("ingested_at"),
            "kafka_topic", "kafka_partition", "kafka_offset", "kafka_timestamp",
        )
    )


def start_query(frame, args):
    writer = (
        frame.writeStream.format("delta")
        .outputMode("append")
        .option("checkpointLocation", args.checkpoint)
        .partitionBy("date_vente")
        .queryName("bronze")
    )
    if args.trigger == "available-now":
        writer = writer.trigger(availableNow=True)
    else:
        writer = writer.trigger(processingTime=spark_session.interval(args.trigger))
    return writer.start(args.table)


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


def main(argv):
    args = parse_args(argv)
    spark, startup_s = spark_session.build_session(
        "salesflow-bench-spark-bronze",
        extra_conf={"spark.sql.streaming.numRecentProgressUpdates": "10000"})
    usage = spark_session.ProcessUsage(spark_session.jvm_pid(spark))
    cpu_at_start = usage.cpu_seconds()
    py_cpu_at_start = spark_session.python_cpu_seconds()

    t0 = time.monotonic()
    query = start_query(bronze_frame(spark, args), args)
    if args.ready_file:
        with open(args.ready_file, "w") as f:
            f.write("ready\n")
    if args.trigger == "available-now":
        query.awaitTermination()
    else:
        run_until_stopped(query, args.stop_file)
    run_s = time.monotonic() - t0
    if query.exception() is not None:
        raise SystemExit(f"bronze query failed: {query.exception()}")

    progress = query.recentProgress
    rows = sum(p["numInputRows"] for p in progress)
    report = {
        "job": "spark-bronze",
        "trigger": args.trigger,
        "max_offsets_per_trigger": args.max_offsets_per_trigger,
        "min_partitions": args.min_partitions,
        "jvm_startup_s": round(startup_s, 3),
        "run_s": round(run_s, 3),
        "rows": rows,
        "batches": sum(1 for p in progress if p["numInputRows"] > 0),
        "events_per_s": round(rows / run_s, 1) if run_s > 0 else None,
        "jvm_cpu_startup_s": round(cpu_at_start, 2),
        "jvm_cpu_run_s": round(usage.cpu_seconds() - cpu_at_start, 2),
        "python_cpu_run_s": round(spark_session.python_cpu_seconds() - py_cpu_at_start, 2),
        "jvm_peak_rss_bytes": usage.peak_rss_bytes(),
    }
    spark.stop()
    spark_session.write_report(args.report, report)


if __name__ == "__main__":
    main(sys.argv[1:])
