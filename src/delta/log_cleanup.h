#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/snapshot.h"
#include "delta/storage.h"

namespace salesflow::delta {

// delta.logRetentionDuration's default: 30 days.
inline constexpr int64_t kDefaultLogRetentionMs = int64_t{30} * 24 * 3600 * 1000;

// How expired log files are cleaned up.
struct LogCleanupOptions {
  // Commits younger than this stay. Unset: delta.logRetentionDuration, else 30 days.
  std::optional<int64_t> retention_ms;
  const Clock* clock = nullptr;  // nullptr = SystemClock
};

// What was deleted.
struct LogCleanupResult {
  std::vector<std::string> deleted;       // paths under _delta_log, in deletion order
  std::optional<TableVersion> kept_from;  // the checkpoint the log now starts at
};

// Deletes commit files and checkpoints older than the retention that lie behind a
// checkpoint: the newest complete checkpoint C whose preceding commits are all expired is
// kept, with every commit from C on, and everything below C is deleted in ascending version
// order — so the log stays a contiguous run of commits starting at a checkpoint even if the
// process dies half-way. Readers then need a checkpoint reader for the table.
Result<LogCleanupResult> CleanupExpiredLogs(Storage& storage, const Snapshot& snapshot,
                                            const LogCleanupOptions& options = {});

}  // namespace salesflow::delta
