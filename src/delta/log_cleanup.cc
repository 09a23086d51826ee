#include "delta/log_cleanup.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <utility>

#include "delta/log_files.h"
#include "delta/vacuum.h"

namespace salesflow::delta {
namespace {

// Deletes one expired log file. Gone already is fine: another cleanup of the same table (a
// second process of a consumer group, a `table vacuum` by hand) got there first.
Status DeleteExpired(Storage& storage, const std::string& path, LogCleanupResult* result) {
  Status s = storage.Delete(path);
  if (s.ok()) {
    result->deleted.push_back(path);
    return s;
  }
  return s.code() == StatusCode::kNotFound ? Status::Ok() : s;
}

}  // namespace

Result<LogCleanupResult> CleanupExpiredLogs(Storage& storage, const Snapshot& snapshot,
                                            const LogCleanupOptions& options) {
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  int64_t retention = options.retention_ms.value_or(
      RetentionPropertyMs(snapshot, "delta.logRetentionDuration").value_or(kDefaultLogRetentionMs));
  int64_t cutoff = clock.NowMillis() - retention;
  // Another cleanup of the same table deleting its prefix while we list shows as a hole in
  // the listing (Corruption "not contiguous"); once it is done the log is contiguous again,
  // so list again a few times before reporting it.
  Result<LogListing> listed = ListLog(storage, TableVersion(0), ListDetail::kSizesAndTimes);
  for (int retry = 1; retry <= 4 && listed.status().code() == StatusCode::kCorruption; ++retry) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25 * retry));
    listed = ListLog(storage, TableVersion(0), ListDetail::kSizesAndTimes);
  }
  SF_ASSIGN_OR_RETURN(LogListing listing, std::move(listed));
  // The commits below a version are all expired up to the first young one.
  TableVersion first_young(INT64_MAX);
  for (const LogFile& commit : listing.commits) {
    if (commit.info.modification_time_ms >= cutoff) {
      first_young = commit.version;
      break;
    }
  }
  LogCleanupResult result;
  const CheckpointInstance* keep = nullptr;
  for (const CheckpointInstance& cp : listing.checkpoints) {
    // Everything below cp must be expired, and cp must be within the snapshot we checked.
    if (cp.version <= first_young && cp.version <= snapshot.version()) keep = &cp;
  }
  if (keep == nullptr) return result;
  result.kept_from = keep->version;
  // Ascending order: a crash leaves a contiguous suffix of commits after a checkpoint.
  size_t next_checkpoint = 0;
  for (const LogFile& commit : listing.commits) {
    if (commit.version >= keep->version) break;
    while (next_checkpoint < listing.checkpoints.size() &&
           listing.checkpoints[next_checkpoint].version <= commit.version) {
      for (const LogFile& part : listing.checkpoints[next_checkpoint].files) {
        SF_RETURN_IF_ERROR(DeleteExpired(storage, part.path(), &result));
      }
      ++next_checkpoint;
    }
    SF_RETURN_IF_ERROR(DeleteExpired(storage, commit.path(), &result));
  }
  while (next_checkpoint < listing.checkpoints.size() &&
         listing.checkpoints[next_checkpoint].version < keep->version) {
    for (const LogFile& part : listing.checkpoints[next_checkpoint].files) {
      SF_RETURN_IF_ERROR(DeleteExpired(storage, part.path(), &result));
    }
    ++next_checkpoint;
  }
  return result;
}

}  // namespace salesflow::delta
