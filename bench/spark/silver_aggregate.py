"""Spark baseline of `salesflow silver`: bronze Delta table -> per-client aggregates.

The way a Spark user keeps a per-key aggregate table current: a streaming read of the bronze
Delta table, a stateful streaming aggregation by client_id in "update" output mode (the state
store holds each client's running totals; only clients touched by a micro-batch come out),
and foreachBatch MERGE of those rows into the Delta table delta_silver_aggreges. The MERGE is
made idempotent with Delta's txnAppId/txnVersion (= batch id), so a replayed batch after a
crash is skipped: exactly once, like salesflow's txn-gated commits.

Columns (as salesflow's silver): client_id, client_nom, pays, segment (latest by event_time,
then Kafka partition and offset), total_depense decimal(18,2), nb_achats, panier_moyen
decimal(18,2) (half-even to the cent: bround), quantite_totale, premier_achat, dernier_achat,
jours_depuis_dernier_achat, fidelite, risque_churn, maj_le.

  python silver_aggregate.py --bronze DIR --table DIR --checkpoint DIR --trigger available-now
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import streaming_job  # noqa: E402

# Delta txn appId of the silver MERGE commits; the version is the micro-batch id. bench's
# latency analysis maps batch ids to bronze versions through the checkpoint's offsets/.
TXN_APP_ID = "spark-silver"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bronze", required=True, help="bronze Delta table directory")
    p.add_argument("--table", required=True, help="silver Delta table directory")
    p.add_argument("--max-files-per-trigger", type=int, default=1000,
                   help="Delta source maxFilesPerTrigger (bronze files per micro-batch)")
    p.add_argument("--tier-gold", default="5000", help="fidelite 'Or' from this total_depense")
    p.add_argument("--tier-silver", default="1000", help="fidelite 'Argent' from this total_depense")
    p.add_argument("--wait-bronze-s", type=float, default=300,
                   help="wait this long for the bronze table to appear (latency runs)")
    streaming_job.add_run_arguments(p)
    return p.parse_args(argv)


def aggregates(bronze):
    """Per-client running aggregates of bronze (a streaming or a batch DataFrame)."""
    from pyspark.sql import functions as F

    order = F.struct("event_time", "kafka_partition", "kafka_offset")
    return bronze.groupBy("client_id").agg(
        F.max_by(F.struct("client_nom", "pays", "segment"), order).alias("attrs"),
        F.sum("montant").alias("total_depense"),
        F.count(F.lit(1)).alias("nb_achats"),
        F.sum("quantite").alias("quantite_totale"),
        F.min("event_time").alias("premier_achat"),
        F.max("event_time").alias("dernier_achat"),
    )


def silver_rows(batch, args):
    """Aggregate rows -> silver rows: derived columns computed at the batch's time."""
    from pyspark.sql import functions as F

    total = F.col("total_depense").cast("decimal(18,2)")
    jours = F.datediff(F.current_date(), F.to_date("dernier_achat"))
    # A client's usual interval between purchases, in days (null with one purchase).
    usual = (F.unix_timestamp("dernier_achat") - F.unix_timestamp("premier_achat")) / 86400.0 / (
        F.col("nb_achats") - 1)
    return batch.select(
        "client_id",
        F.col("attrs.client_nom").alias("client_nom"),
        F.col("attrs.pays").alias("pays"),
        F.col("attrs.segment").alias("segment"),
        total.alias("total_depense"),
        "nb_achats",
        F.bround(F.col("total_depense") / F.col("nb_achats"), 2).cast("decimal(18,2)")
        .alias("panier_moyen"),
        F.col("quantite_totale").cast("long").alias("quantite_totale"),
        "premier_achat",
        "dernier_achat",
        jours.alias("jours_depuis_dernier_achat"),
        F.when(total >= F.lit(args.tier_gold).cast("decimal(18,2)"), "Or")
        .when(total >= F.lit(args.tier_silver).cast("decimal(18,2)"), "Argent")
        .otherwise("Bronze").alias("fidelite"),
        F.when(F.col("nb_achats") < 2, jours > 90)
        .otherwise(jours > F.greatest(F.lit(1.0), usual) * 3).alias("risque_churn"),
        F.current_timestamp().alias("maj_le"),
    )


def merge_batch(spark, args):
    """foreachBatch body: idempotent MERGE of the touched clients into silver."""
    from delta.tables import DeltaTable

    def merge(batch, batch_id):
        rows = silver_rows(batch, args)
        spark.conf.set("spark.databricks.delta.write.txnAppId", TXN_APP_ID)
        spark.conf.set("spark.databricks.delta.write.txnVersion", str(batch_id))
        try:
            target = DeltaTable.forPath(spark, args.table)
            (target.alias("s").merge(rows.alias("n"), "s.client_id = n.client_id")
             .whenMatchedUpdateAll().whenNotMatchedInsertAll().execute())
        finally:
            spark.conf.unset("spark.databricks.delta.write.txnAppId")
            spark.conf.unset("spark.databricks.delta.write.txnVersion")

    return merge


def wait_for_table(path, seconds):
    deadline = time.monotonic() + seconds
    first = os.path.join(path, "_delta_log", "00000000000000000000.json")
    while not os.path.exists(first):
        if time.monotonic() > deadline:
            raise SystemExit(f"silver: bronze table {path} did not appear in {seconds}s")
        time.sleep(0.2)


def main(argv):
    args = parse_args(argv)
    job = streaming_job.StreamingJob("silver")
    spark = job.spark
    wait_for_table(args.bronze, args.wait_bronze_s)

    # Processing time starts here: creating the silver table is part of the job's work (as
    # salesflow's wall time includes its own), only the SparkSession start is reported apart.
    t0 = time.monotonic()
    # The silver table exists before the first batch, so every batch is the same txn-gated
    # MERGE (an empty table with the schema the MERGE produces).
    from delta.tables import DeltaTable
    if not DeltaTable.isDeltaTable(spark, args.table):
        empty = silver_rows(aggregates(spark.read.format("delta").load(args.bronze).limit(0)), args)
        empty.write.format("delta").save(args.table)

    bronze = (
        spark.readStream.format("delta")
        .option("maxFilesPerTrigger", str(args.max_files_per_trigger))
        .load(args.bronze)
    )
    writer = (
        aggregates(bronze).writeStream.outputMode("update")
        .option("checkpointLocation", args.checkpoint)
        .foreachBatch(merge_batch(spark, args))
        .queryName("silver")
    )
    query, run_s = job.run(writer, args, t0)
    job.finish(query, run_s, args, max_files_per_trigger=args.max_files_per_trigger)


if __name__ == "__main__":
    main(sys.argv[1:])
