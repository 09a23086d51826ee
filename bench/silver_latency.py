#!/usr/bin/env python3
"""Latency of salesflow silver (bench/silver.sh): for each bronze commit, the commitInfo
timestamp of the first gold (ventes_par_minute) and silver commit whose txn salesflow-silver
covers it, minus the bronze commit's own. Reads the JSON commits only (no checkpoint needed:
every silver commit carries its txn). Prints p50/p99 (nearest rank) in ms."""
import argparse
import glob
import json
import math
import os


def commits(table):
    """(version, timestamp ms, silver txn or None) of every JSON commit, in order."""
    out = []
    for path in sorted(glob.glob(os.path.join(table, "_delta_log", "*.json"))):
        version = int(os.path.basename(path).split(".")[0])
        ts, txn = None, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                if "commitInfo" in a:
                    ts = a["commitInfo"].get("timestamp")
                if "txn" in a and a["txn"]["appId"] == "salesflow-silver":
                    txn = a["txn"]["version"]
        out.append((version, ts, txn))
    return out


def pct(values, p):
    values = sorted(values)
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--skip-seconds", type=float, default=5)
    a = ap.parse_args()
    bronze = [(v, ts) for v, ts, _ in commits(os.path.join(a.data, "delta_ventes_table")) if v > 1]
    t0 = bronze[0][1] + a.skip_seconds * 1000
    measured = [(v, ts) for v, ts in bronze if ts >= t0]
    for name, path in (("gold (ventes_par_minute, every 1 s)",
                        os.path.join(a.data, "delta_gold", "ventes_par_minute")),
                       ("silver (delta_silver_aggreges, every 5 s)",
                        os.path.join(a.data, "delta_silver_aggreges"))):
        covered = [(ts, txn) for _, ts, txn in commits(path) if txn is not None]
        lat = []
        for v, ts in measured:
            first = next((cts for cts, txn in covered if txn >= v), None)
            if first is None:
                raise SystemExit(f"{name}: bronze version {v} never covered")
            lat.append(first - ts)
        print(f"{name}: {len(lat)} bronze commits, latency p50 {pct(lat, 50)} ms, "
              f"p99 {pct(lat, 99)} ms, max {max(lat)} ms")


if __name__ == "__main__":
    main()
