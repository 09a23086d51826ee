"""A minimal reader of a Delta table's JSON commits (stdlib only) for the benchmark: per
version, its commitInfo timestamp, added files (with numRecords from stats) and txn actions.
Works for tables written by Spark and by salesflow while every JSON commit from version 0 is
still there (the benchmark's fresh tables); a log cleaned behind a checkpoint is refused.
"""

import json
import os
import urllib.parse


class Commit:
    """One version of the log."""

    def __init__(self, version):
        self.version = version
        self.timestamp_ms = None  # commitInfo.timestamp (file mtime when absent)
        self.adds = []  # (relative path, numRecords or None) of add actions
        self.removes = 0  # number of remove actions
        self.txns = {}  # appId -> version of the txn actions
        self.operation = None  # commitInfo.operation


def read_log(table):
    """All commits of the table, by version, as Commit objects (list index = version)."""
    log = os.path.join(table, "_delta_log")
    names = sorted(n for n in os.listdir(log) if n.endswith(".json") and n[:20].isdigit())
    commits = []
    for expected, name in enumerate(names):
        version = int(name[:20])
        if version != expected:
            raise ValueError(f"{log}: commit {expected} missing (found {name}); "
                             "the benchmark reads logs from version 0")
        commit = Commit(version)
        path = os.path.join(log, name)
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                action = json.loads(line)
                if "commitInfo" in action:
                    info = action["commitInfo"]
                    commit.timestamp_ms = info.get("timestamp")
                    commit.operation = info.get("operation")
                elif "add" in action:
                    add = action["add"]
                    records = None
                    if add.get("stats"):
                        records = json.loads(add["stats"]).get("numRecords")
                    commit.adds.append((urllib.parse.unquote(add["path"]), records))
                elif "remove" in action:
                    commit.removes += 1
                elif "txn" in action:
                    commit.txns[action["txn"]["appId"]] = action["txn"]["version"]
        if commit.timestamp_ms is None:
            commit.timestamp_ms = int(os.path.getmtime(path) * 1000)
        commits.append(commit)
    return commits


def live_records(commits):
    """Rows added minus nothing: the benchmark's bronze tables are append-only, so the sum of
    numRecords over adds is the row count (None when a file lacks stats)."""
    total = 0
    for c in commits:
        if c.removes:
            return None
        for _, records in c.adds:
            if records is None:
                return None
            total += records
    return total
