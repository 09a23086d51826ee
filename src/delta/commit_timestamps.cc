#include "delta/commit_timestamps.h"

#include <fmt/format.h>

#include "delta/log_files.h"
#include "delta/snapshot.h"

namespace salesflow::delta {
namespace {

// The first version with in-commit timestamps, or nullopt when the table does not use them.
// Read from the latest metadata: delta.enableInCommitTimestamps plus its enablement version.
Result<std::optional<int64_t>> InCommitTimestampStart(Storage& storage,
                                                      CheckpointReader* checkpoint_reader) {
  SF_ASSIGN_OR_RETURN(Snapshot snapshot,
                      LoadSnapshot(storage, {.checkpoint_reader = checkpoint_reader,
                                             .check_read_protocol = false}));
  std::optional<std::string> enabled = snapshot.Property("delta.enableInCommitTimestamps");
  if (!enabled || *enabled != "true") return std::optional<int64_t>();
  std::optional<std::string> since = snapshot.Property("delta.inCommitTimestampEnablementVersion");
  return std::optional<int64_t>(since ? std::stoll(*since) : 0);
}

}  // namespace

Result<std::vector<CommitTimestamp>> ListCommitTimestamps(Storage& storage,
                                                          CheckpointReader* checkpoint_reader) {
  SF_ASSIGN_OR_RETURN(LogListing listing,
                      ListLog(storage, TableVersion(0), ListDetail::kSizesAndTimes));
  SF_ASSIGN_OR_RETURN(std::optional<int64_t> ict_start,
                      InCommitTimestampStart(storage, checkpoint_reader));
  std::vector<CommitTimestamp> out;
  out.reserve(listing.commits.size());
  for (const LogFile& commit : listing.commits) {
    int64_t ts = commit.info.modification_time_ms;
    bool in_commit = ict_start && commit.version.value() >= *ict_start;
    if (in_commit) {
      SF_ASSIGN_OR_RETURN(std::vector<Action> actions, ReadCommit(storage, commit.version));
      const auto* info = actions.empty() ? nullptr : std::get_if<CommitInfo>(&actions.front());
      if (info == nullptr || !info->in_commit_timestamp) {
        return Corruption(
            fmt::format("version {} has no inCommitTimestamp in its first action", commit.version));
      }
      ts = *info->in_commit_timestamp;
    } else if (!out.empty() && ts <= out.back().timestamp_ms) {
      // File times can go backwards (clock skew, copies); Spark bumps them by 1 ms.
      ts = out.back().timestamp_ms + 1;
    }
    out.push_back({commit.version, ts});
  }
  return out;
}

Result<TableVersion> VersionAtTimestamp(Storage& storage, int64_t timestamp_ms,
                                        CheckpointReader* checkpoint_reader) {
  SF_ASSIGN_OR_RETURN(std::vector<CommitTimestamp> commits,
                      ListCommitTimestamps(storage, checkpoint_reader));
  if (commits.empty()) return NotFound("the log has no commit");
  if (timestamp_ms < commits.front().timestamp_ms) {
    return OutOfRange(fmt::format(
        "timestamp {} ms is before the earliest available version {} (committed at {} ms)",
        timestamp_ms, commits.front().version, commits.front().timestamp_ms));
  }
  if (timestamp_ms > commits.back().timestamp_ms) {
    return OutOfRange(
        fmt::format("timestamp {} ms is after the latest version {} (committed at {} ms)",
                    timestamp_ms, commits.back().version, commits.back().timestamp_ms));
  }
  TableVersion found = commits.front().version;
  for (const CommitTimestamp& commit : commits) {
    if (commit.timestamp_ms > timestamp_ms) break;
    found = commit.version;
  }
  return found;
}

}  // namespace salesflow::delta
