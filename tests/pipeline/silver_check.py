#!/usr/bin/env python3
"""Checks silver and gold against a from-scratch recomputation of bronze (silver_e2e_test.sh):
DuckDB SQL over exactly the active files delta-rs lists for bronze (not a glob, which would
double-count after OPTIMIZE), compared to the cent with what delta-rs reads from
delta_silver_aggreges and delta_gold/*; the schemas delta-rs reports must be the documented
ones (docs/DESIGN.md "Silver and gold"), and every table's txn must be bronze's version."""
import argparse
import decimal
import glob
import json
import os
import sys

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from check_exit import exit_passed  # noqa: E402

DAY_US = 86_400_000_000
MONEY = "decimal(18,2)"
SCHEMAS = {
    "silver": [("client_id", "long"), ("client_nom", "string"), ("pays", "string"),
               ("segment", "string"), ("total_depense", MONEY), ("nb_achats", "long"),
               ("panier_moyen", MONEY), ("quantite_totale", "long"),
               ("premier_achat", "timestamp"), ("dernier_achat", "timestamp"),
               ("jours_depuis_dernier_achat", "long"), ("fidelite", "string"),
               ("risque_churn", "boolean"), ("maj_le", "timestamp"),
               ("source_kafka_partition", "integer"), ("source_kafka_offset", "long"),
               ("client_bucket", "integer")],
    "ventes_par_minute": [("minute", "timestamp_ntz"), ("produit", "string"),
                          ("categorie", "string"), ("pays", "string"), ("segment", "string"),
                          ("nb_ventes", "long"), ("quantite", "long"),
                          ("chiffre_affaires", MONEY), ("montant_max", MONEY), ("day", "date")],
    "ventes_client_jour": [("client_id", "long"), ("day", "date"), ("nb_ventes", "long"),
                           ("chiffre_affaires", MONEY)],
}
for dim in ("produit", "categorie", "pays", "segment"):
    SCHEMAS[f"ventes_par_{dim}"] = [(dim, "string"), ("nb_ventes", "long"), ("quantite", "long"),
                                    ("chiffre_affaires", MONEY)]


def fail(msg):
    print(f"silver_check: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check_schema(name, dt):
    fields = json.loads(dt.schema().to_json())["fields"]
    got = [(f["name"], f["type"]) for f in fields]
    if got != SCHEMAS[name]:
        fail(f"{name}: delta-rs schema {got} != documented {SCHEMAS[name]}")


def last_txn(table_dir):
    commits = sorted(glob.glob(os.path.join(table_dir, "_delta_log", "*.json")))
    with open(commits[-1], encoding="utf-8") as f:
        for line in f:
            action = json.loads(line)
            if "txn" in action and action["txn"]["appId"] == "salesflow-silver":
                return action["txn"]["version"]
    return None


def rows(dt, int_cols=()):
    """The table as a list of dicts; timestamp/date columns as integers (micros, days)."""
    t = dt.to_pyarrow_table()
    cols = {}
    for name in t.column_names:
        col = t[name]
        if pa.types.is_timestamp(col.type):
            col = pc.cast(col.cast(pa.timestamp("us", tz=col.type.tz)), pa.int64())
        elif pa.types.is_date32(col.type):
            col = pc.cast(col, pa.int32())
        cols[name] = col.to_pylist()
    n = t.num_rows
    return [{k: v[i] for k, v in cols.items()} for i in range(n)]


def keyed(items, key):
    out = {}
    for r in items:
        k = key(r)
        if k in out:
            fail(f"duplicate key {k}")
        out[k] = r
    return out


def compare(name, got, want):
    if set(got) != set(want):
        missing = sorted(set(want) - set(got))[:5]
        extra = sorted(set(got) - set(want))[:5]
        fail(f"{name}: keys differ: missing {missing}, unexpected {extra}")
    for k, w in want.items():
        g = got[k]
        for field, value in w.items():
            if g[field] != value:
                fail(f"{name} {k}: {field} = {g[field]!r}, expected {value!r}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--timezone", default="UTC")
    p.add_argument("--buckets", type=int, default=16)
    a = p.parse_args()

    bronze = DeltaTable(os.path.join(a.data, "delta_ventes_table"))
    files = bronze.file_uris()
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    con.execute(f"CREATE VIEW b AS SELECT * FROM read_parquet({files!r})")
    n_bronze = con.execute("SELECT count(*) FROM b").fetchone()[0]
    bronze_version = bronze.version()

    tables = {"silver": os.path.join(a.data, "delta_silver_aggreges")}
    for name in SCHEMAS:
        if name != "silver":
            tables[name] = os.path.join(a.data, "delta_gold", name)
    dts = {}
    for name, path in tables.items():
        dts[name] = DeltaTable(path)
        check_schema(name, dts[name])
        txn = last_txn(path)
        if txn != bronze_version:
            fail(f"{name}: txn salesflow-silver = {txn}, bronze is at version {bronze_version}")

    # Silver: sums, first/last, latest attributes by (event_time, partition, offset).
    want = {}
    for r in con.execute("""
        WITH agg AS (
          SELECT client_id, sum(montant) AS total, count(*) AS nb, sum(quantite) AS q,
                 min(epoch_us(event_time)) AS p, max(epoch_us(event_time)) AS d
          FROM b GROUP BY client_id),
        latest AS (
          SELECT client_id, client_nom, pays, segment, kafka_partition, kafka_offset FROM b
          QUALIFY row_number() OVER (PARTITION BY client_id
                                     ORDER BY event_time DESC, kafka_partition DESC,
                                              kafka_offset DESC) = 1)
        SELECT agg.*, latest.client_nom, latest.pays, latest.segment, latest.kafka_partition,
               latest.kafka_offset
        FROM agg JOIN latest USING (client_id)""").fetchall():
        cid, total, nb, q, first, last, nom, pays, seg, part, off = r
        want[cid] = {"client_nom": nom, "pays": pays, "segment": seg, "total_depense": total,
                     "nb_achats": nb, "quantite_totale": q, "premier_achat": first,
                     "dernier_achat": last, "source_kafka_partition": part,
                     "source_kafka_offset": off, "client_bucket": cid % a.buckets,
                     "panier_moyen": (total / nb).quantize(decimal.Decimal("0.01"),
                                                           rounding=decimal.ROUND_HALF_EVEN)}
    silver = rows(dts["silver"])
    got = keyed(silver, lambda r: r["client_id"])
    compare("silver", got, want)
    for cid, g in got.items():
        total, nb = g["total_depense"], g["nb_achats"]
        tier = "bronze"
        for name, cents, achats in (("argent", 20000, 2), ("or", 100000, 5),
                                    ("platine", 200000, 10)):
            if total * 100 >= cents and nb >= achats:
                tier = name
        if g["fidelite"] != tier:
            fail(f"silver {cid}: fidelite {g['fidelite']}, expected {tier}")
        silence = g["maj_le"] - g["dernier_achat"]
        if g["jours_depuis_dernier_achat"] != max(0, silence // DAY_US):
            fail(f"silver {cid}: jours_depuis_dernier_achat {g['jours_depuis_dernier_achat']}")
        interval = ((g["dernier_achat"] - g["premier_achat"]) // (nb - 1) if nb > 1
                    else 30 * DAY_US)
        at_risk = silence > max(3 * interval, 30 * DAY_US)
        if g["risque_churn"] != at_risk:
            fail(f"silver {cid}: risque_churn {g['risque_churn']}, expected {at_risk}")

    tz = a.timezone.replace("'", "")
    local = f"timezone('{tz}', event_time)"
    want = {}
    for r in con.execute(f"""
        SELECT epoch_us(date_trunc('minute', {local})) AS m, produit_nom, categorie, pays,
               segment, count(*), sum(quantite), sum(montant),
               CAST(date_diff('day', DATE '1970-01-01', CAST({local} AS DATE)) AS INTEGER),
               max(montant)
        FROM b GROUP BY ALL""").fetchall():
        # montant_max: the largest single sale of the bucket, exactly (the sale alert reads it).
        want[r[:5]] = {"nb_ventes": r[5], "quantite": r[6], "chiffre_affaires": r[7],
                       "day": r[8], "montant_max": r[9]}
    got = keyed(rows(dts["ventes_par_minute"]),
                lambda r: (r["minute"], r["produit"], r["categorie"], r["pays"], r["segment"]))
    compare("ventes_par_minute", got, want)

    want = {}
    for r in con.execute(f"""
        SELECT client_id,
               CAST(date_diff('day', DATE '1970-01-01', CAST({local} AS DATE)) AS INTEGER) AS d,
               count(*), sum(montant)
        FROM b GROUP BY ALL""").fetchall():
        want[(r[0], r[1])] = {"nb_ventes": r[2], "chiffre_affaires": r[3]}
    got = keyed(rows(dts["ventes_client_jour"]), lambda r: (r["client_id"], r["day"]))
    compare("ventes_client_jour", got, want)

    for dim, col in (("produit", "produit_nom"), ("categorie", "categorie"), ("pays", "pays"),
                     ("segment", "segment")):
        want = {r[0]: {"nb_ventes": r[1], "quantite": r[2], "chiffre_affaires": r[3]}
                for r in con.execute(f"SELECT {col}, count(*), sum(quantite), sum(montant) "
                                     f"FROM b GROUP BY ALL").fetchall()}
        got = keyed(rows(dts[f"ventes_par_{dim}"]), lambda r, d=dim: r[d])
        compare(f"ventes_par_{dim}", got, want)

    total = con.execute("SELECT sum(montant) FROM b").fetchone()[0]
    print(f"silver_check: OK: bronze version {bronze_version}, {n_bronze} rows in "
          f"{len(files)} active files, {len(silver)} clients, total {total}")


if __name__ == "__main__":
    main()
    exit_passed()
