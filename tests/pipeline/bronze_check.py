#!/usr/bin/env python3
"""Checks bronze's exactly-once invariant against the topic's messages (see
bronze_real_broker_test.sh): bronze ∪ quarantine == topic as (partition, offset) sets,
disjoint; vente_id unique; sum(montant) exact to the cent; txn versions == last offsets."""
import argparse
import decimal
import json
import os
import sys

from deltalake import DeltaTable

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from check_exit import exit_passed  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--messages", required=True, help="kcat output: partition offset payload")
    p.add_argument("--expect-count", type=int, required=True)
    a = p.parse_args()

    payloads = {}
    with open(a.messages, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            part, off, payload = line.rstrip("\n").split(" ", 2)
            payloads[(int(part), int(off))] = payload
    assert len(payloads) == a.expect_count, f"topic holds {len(payloads)}, expected {a.expect_count}"

    bronze_dt = DeltaTable(f"{a.data}/delta_ventes_table")
    bronze = bronze_dt.to_pyarrow_table()
    rejects = DeltaTable(f"{a.data}/delta_ventes_rejets").to_pyarrow_table()
    b = list(zip(bronze["kafka_partition"].to_pylist(), bronze["kafka_offset"].to_pylist()))
    q = list(zip(rejects["kafka_partition"].to_pylist(), rejects["kafka_offset"].to_pylist()))
    bs, qs = set(b), set(q)
    assert len(bs) == len(b), f"bronze holds {len(b) - len(bs)} duplicate messages"
    assert len(qs) == len(q), f"quarantine holds {len(q) - len(qs)} duplicate messages"
    assert not (bs & qs), f"{len(bs & qs)} messages in both tables"
    missing = set(payloads) - (bs | qs)
    extra = (bs | qs) - set(payloads)
    assert not missing and not extra, f"missing {sorted(missing)[:5]}, unknown {sorted(extra)[:5]}"
    ids = bronze["vente_id"].to_pylist()
    assert len(set(ids)) == len(ids), "vente_id not unique in bronze"

    # Exact money: the table's decimal sum equals the produced JSON amounts, read as decimals.
    want = sum((decimal.Decimal(json.loads(payloads[k], parse_float=decimal.Decimal)["montant"])
                .quantize(decimal.Decimal("0.01")) for k in bs), decimal.Decimal(0))
    got = sum(bronze["montant"].to_pylist(), decimal.Decimal(0))
    assert got == want, f"sum(montant) {got} != produced {want}"

    for part in sorted({k[0] for k in payloads}):
        last = max(o for (pp, o) in payloads if pp == part)
        version = bronze_dt.transaction_version(f"salesflow-bronze-{a.topic}-{part}")
        assert version == last, f"partition {part}: txn version {version} != last offset {last}"
    print(f"ok: {len(bs)} in bronze, {len(qs)} quarantined, {len(payloads)} in the topic; "
          f"sum(montant) {got}")
    return 0


if __name__ == "__main__":
    rc = main()
    if rc:
        sys.exit(rc)
    exit_passed()
