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
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import streaming_job  # noqa: E402

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
    p.add_argument("--max-offsets-per-trigger", type=int, default=1_000_000,
                   help="Kafka source maxOffsetsPerTrigger (rows per micro-batch)")
    p.add_argument("--min-partitions", type=int,
                   help="Kafka source minPartitions: split the topic's partitions into at least "
                        "this many tasks (3 partitions on 2 cores: 6 keeps both cores busy)")
    p.add_argument("--starting-offsets", default="earliest", help="Kafka source startingOffsets")
    streaming_job.add_run_arguments(p)
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


def writer(frame, args):
    """The Delta sink: appends partitioned by date_vente, checkpointed."""
    return (
        frame.writeStream.format("delta")
        .outputMode("append")
        .option("checkpointLocation", args.checkpoint)
        .partitionBy("date_vente")
        .queryName("bronze")
    )


def main(argv):
    args = parse_args(argv)
    job = streaming_job.StreamingJob("bronze")
    t0 = time.monotonic()
    query, run_s = job.run(writer(bronze_frame(job.spark, args), args), args, t0, args.table)
    job.finish(query, run_s, args, max_offsets_per_trigger=args.max_offsets_per_trigger,
               min_partitions=args.min_partitions)


if __name__ == "__main__":
    main(sys.argv[1:])
