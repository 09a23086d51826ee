"""Writes a Delta table with Spark the way Spark users produce them: appends, a delete and
checkpoints. salesflow's Delta reader must read it to the same rows (issue 4, "our reader
reads a table Spark wrote"); this script also checks Spark reads back what it wrote.

  python write_table.py --out DIR
    DIR/table           the Delta table (bronze-like schema, partitioned by date_vente,
                        delta.checkpointInterval=5, 12 appends then a DELETE: version 13,
                        checkpoints at 5 and 10, _last_checkpoint -> 10)
    DIR/expected.json   every live row (sorted by vente_id, values as text), the version,
                        and the counts read_table.py must print for a fixed filter
                        (computed here in plain Python, not by Spark)

Timestamps are written as Spark writes them by default (INT96 in Parquet), amounts as
decimal(18,2) (INT64 with scale 2), deletion vectors off (a copy-on-write DELETE).
"""

import argparse
import datetime
import decimal
import json
import os
import shutil
import sys
import time

# Python turns naive datetimes into instants with the process's zone: pin it to UTC so the
# expected texts are UTC instants, whatever the machine's zone.
os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench", "spark"))
import spark_session  # noqa: E402

APPENDS = 12
ROWS_PER_APPEND = 50
DELETE_BELOW = decimal.Decimal("50.00")  # the DELETE removes rows with montant below this
FILTER_DATE_FROM = "2024-12-15"  # read_table.py's check: date_vente >= this ...
FILTER_MONTANT_MIN = "500.00"  # ... and montant >= this
NAMES = ["Jean Dupont", "María García", "John Smith", "Zoë Ŝtraße", "李雷"]


def make_rows():
    """Deterministic bronze-like rows: 4 days, amounts with exact cents, accented names."""
    rows = []
    base = datetime.datetime(2024, 12, 14, 9, 0, 0)
    for i in range(APPENDS * ROWS_PER_APPEND):
        vente_id = i + 1
        client = (i * 7) % 5
        event_time = base + datetime.timedelta(minutes=137 * i)
        cents = (i * 7919) % 200000 + 1
        rows.append({
            "vente_id": vente_id,
            "client_id": client + 1,
            "produit_id": 101 + i % 5,
            "quantite": 1 + i % 5,
            "montant": (decimal.Decimal(cents) / 100).quantize(decimal.Decimal("0.01")),
            "client_nom": NAMES[client],
            "event_time": event_time,
            "date_vente": event_time.date(),
            "kafka_partition": i % 3,
            "kafka_offset": i // 3,
            # One null per append, so nullCount stats are exercised.
            "segment": None if i % ROWS_PER_APPEND == 0 else ("Particulier", "Entreprise")[i % 2],
        })
    return rows


def as_text(row):
    """The row's values as text, in the JSON form the readers compare."""
    out = {}
    for key, value in row.items():
        if value is None:
            out[key] = None
        elif isinstance(value, datetime.datetime):
            out[key] = value.strftime("%Y-%m-%dT%H:%M:%S")
        elif isinstance(value, (datetime.date, decimal.Decimal)):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def schema():
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("vente_id", T.LongType()),
        T.StructField("client_id", T.LongType()),
        T.StructField("produit_id", T.LongType()),
        T.StructField("quantite", T.IntegerType()),
        T.StructField("montant", T.DecimalType(18, 2)),
        T.StructField("client_nom", T.StringType()),
        T.StructField("event_time", T.TimestampType()),
        T.StructField("date_vente", T.DateType()),
        T.StructField("kafka_partition", T.IntegerType()),
        T.StructField("kafka_offset", T.LongType()),
        T.StructField("segment", T.StringType()),
    ])


def main(argv):
    p = argparse.ArgumentParser(description="Write a Delta table with Spark (appends, delete, checkpoints)")
    p.add_argument("--out", required=True, help="output directory (replaced)")
    args = p.parse_args(argv)
    table = os.path.join(args.out, "table")
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)

    spark, _ = spark_session.build_session("salesflow-test-spark-write")
    from delta.tables import DeltaTable
    from pyspark.sql import functions as F

    (DeltaTable.create(spark).location(table).addColumns(schema()).partitionedBy("date_vente")
     .property("delta.checkpointInterval", "5")
     .property("delta.enableDeletionVectors", "false")
     .execute())
    rows = make_rows()
    for n in range(APPENDS):
        chunk = rows[n * ROWS_PER_APPEND:(n + 1) * ROWS_PER_APPEND]
        spark.createDataFrame([tuple(r.values()) for r in chunk], schema()) \
            .write.format("delta").mode("append").save(table)
    DeltaTable.forPath(spark, table).delete(F.col("montant") < F.lit(str(DELETE_BELOW)).cast("decimal(18,2)"))

    live = [r for r in rows if r["montant"] >= DELETE_BELOW]
    version = DeltaTable.forPath(spark, table).history(1).collect()[0]["version"]
    picked = [r for r in live if str(r["date_vente"]) >= FILTER_DATE_FROM
              and r["montant"] >= decimal.Decimal(FILTER_MONTANT_MIN)]
    expected = {
        "version": version,
        "rows": [as_text(r) for r in live],
        "read_check": {
            "args": ["--date-from", FILTER_DATE_FROM, "--montant-min", FILTER_MONTANT_MIN,
                     "--sum", "montant"],
            "expect": {
                "version": version,
                "rows": len(live),
                "filtered_rows": len(picked),
                "filtered_sums": {"montant": str(sum(r["montant"] for r in picked))},
            },
        },
    }
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)

    # Spark must read back exactly what it wrote, and the log must have what we promised.
    back = spark.read.format("delta").load(table).orderBy("vente_id").collect()
    got = [as_text(r.asDict()) for r in back]
    failures = []
    if got != expected["rows"]:
        failures.append(f"Spark read {len(got)} rows back, expected {len(live)} (or values differ)")
        diff = [(g, e) for g, e in zip(got, expected["rows"]) if g != e][:1]
        failures.extend(f"first difference: Spark {g} expected {e}" for g, e in diff)
    if version != APPENDS + 1:
        failures.append(f"version {version}, expected {APPENDS + 1}")
    log = os.path.join(table, "_delta_log")
    for name in ("00000000000000000005.checkpoint.parquet",
                 "00000000000000000010.checkpoint.parquet", "_last_checkpoint"):
        if not os.path.exists(os.path.join(log, name)):
            failures.append(f"missing {name} in {log}")
    with open(os.path.join(log, "00000000000000000000.json")) as f:
        protocol = [json.loads(line)["protocol"] for line in f if '"protocol"' in line]
    if protocol and "deletionVectors" in json.dumps(protocol):
        failures.append(f"deletion vectors enabled: {protocol}")
    spark.stop()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"wrote {table}: version {version}, {len(live)} live rows of {len(rows)}, "
          f"protocol {protocol}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
