"""Reads lines "<our JSON>\t<unit price text>\t<quantite>" and writes, per line, three lines:
json.dumps(json.loads(ours), ensure_ascii=False)   -> must equal ours byte for byte
json.dumps(json.loads(ours))                        -> Python defaults: \\u escapes
the same message with montant = float(price) * quantite (real float noise), defaults.
Used by tests/event/python_json_test.cc (label interop)."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for line in src:
        ours, price, quantite = line.rstrip("\n").split("\t")
        obj = json.loads(ours)
        dst.write(json.dumps(obj, ensure_ascii=False) + "\n")
        dst.write(json.dumps(obj) + "\n")
        obj["montant"] = float(price) * int(quantite)
        dst.write(json.dumps(obj) + "\n")
