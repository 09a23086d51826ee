#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "delta/checkpoint_reader.h"
#include "delta/storage.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// When a version was committed, as the protocol defines it for time travel.
struct CommitTimestamp {
  TableVersion version;  // the commit
  int64_t timestamp_ms;  // commitInfo.inCommitTimestamp when the table has in-commit
                         // timestamps from this version on, else the file's modification
                         // time, made strictly increasing (Spark adjusts skewed mtimes)
};

// Timestamps of every commit still in the log, oldest first. The latest metadata (whether
// in-commit timestamps are on) is read through `checkpoint_reader`, which a table whose older
// commits were cleaned up behind a checkpoint needs; without one, from the JSON commits only.
Result<std::vector<CommitTimestamp>> ListCommitTimestamps(
    Storage& storage, CheckpointReader* checkpoint_reader = nullptr);

// The latest version committed at or before `timestamp_ms` (Spark's TIMESTAMP AS OF).
// OutOfRange, naming the bounds, when it is before the first commit or after the last one.
Result<TableVersion> VersionAtTimestamp(Storage& storage, int64_t timestamp_ms,
                                        CheckpointReader* checkpoint_reader = nullptr);

}  // namespace salesflow::delta
