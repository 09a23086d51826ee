#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/snapshot.h"
#include "delta/storage.h"

namespace salesflow::delta {

// delta.deletedFileRetentionDuration's default: one week.
inline constexpr int64_t kDefaultVacuumRetentionMs = int64_t{7} * 24 * 3600 * 1000;

// A file found under the table root.
struct TableFile {
  std::string path;                  // relative to the table root, '/'-separated, not encoded
  int64_t size = 0;                  // bytes
  int64_t modification_time_ms = 0;  // mtime
};

// Every regular file under a local table directory except _delta_log and hidden or '_'
// directories (partition directories "k=v" are never hidden), with our own staging files
// ('.<name>.<uuid>.tmp', left by a crashed writer) included. The storage interface lists one
// directory of files only, so vacuum walks the local tree itself.
Result<std::vector<TableFile>> ListLocalTableFiles(const std::string& table_root);

// How vacuum decides.
struct VacuumOptions {
  // Files removed (tombstoned) or unreferenced for less than this stay. Unset: the table's
  // delta.deletedFileRetentionDuration, else 7 days.
  std::optional<int64_t> retention_ms;
  bool dry_run = false;  // only list what would be deleted
  // Allow a retention shorter than the table's (readers of old versions may break).
  bool allow_short_retention = false;
  const Clock* clock = nullptr;  // nullptr = SystemClock
};

// What vacuum deleted (or would delete, in a dry run).
struct VacuumResult {
  std::vector<std::string> files;  // relative paths, sorted
  int64_t bytes = 0;               // their total size
};

// Deletes the data files that the snapshot does not reference and that are not tombstones
// younger than the retention: expired tombstones, and unreferenced files (failed or
// crashed writes) whose mtime is older than the retention — a file a writer is about to
// commit is young, so it is never taken. Never touches _delta_log. `files` is the table's
// listing (ListLocalTableFiles).
Result<VacuumResult> Vacuum(Storage& storage, const Snapshot& snapshot,
                            const std::vector<TableFile>& files, const VacuumOptions& options = {});

// A retention property ("interval 7 days", "interval 1 weeks", "30 days") in ms; nullopt when
// unset or unreadable.
std::optional<int64_t> RetentionPropertyMs(const Snapshot& snapshot, std::string_view key);

}  // namespace salesflow::delta
