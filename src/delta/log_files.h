#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "delta/storage.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// The log directory of every Delta table.
inline constexpr std::string_view kLogDir = "_delta_log";

// Kind of a file in _delta_log, recognised by its name.
enum class LogFileKind {
  kCommit,               // 00000000000000000010.json
  kClassicCheckpoint,    // 00000000000000000010.checkpoint.parquet
  kMultiPartCheckpoint,  // 00000000000000000010.checkpoint.0000000001.0000000003.parquet
  kV2Checkpoint,         // 00000000000000000010.checkpoint.<uuid>.json|parquet
};

// One recognised file of _delta_log (temporary, .crc and unknown files are ignored).
struct LogFile {
  LogFileKind kind = LogFileKind::kCommit;  // what the name says it is
  TableVersion version;                     // the version in the name
  int part = 0;                             // multi-part: 1-based part number
  int num_parts = 0;                        // multi-part: number of parts
  FileInfo info;                            // name; size, mtime with kSizesAndTimes
  // Path relative to the table root ("_delta_log/<name>").
  std::string path() const;
};

// Recognises a log file name; nullopt for anything else.
std::optional<LogFile> ParseLogFileName(const FileInfo& info);

// "_delta_log/00000000000000000007.json".
std::string CommitPath(TableVersion version);
// "_delta_log/00000000000000000007.checkpoint.parquet".
std::string ClassicCheckpointPath(TableVersion version);
// "_delta_log/_last_checkpoint".
std::string LastCheckpointPath();

// A complete, consistent checkpoint (all parts present) usable to start replay.
struct CheckpointInstance {
  TableVersion version;        // version the checkpoint describes
  std::vector<LogFile> files;  // one file, all parts in order, or the V2 top-level file
  LogFileKind kind = LogFileKind::kClassicCheckpoint;  // classic, multi-part or V2
};

// What a listing of _delta_log found.
struct LogListing {
  std::vector<LogFile> commits;                 // sorted by version, contiguous
  std::vector<CheckpointInstance> checkpoints;  // complete ones, sorted by version
};

// What ListLog learns about each log file.
enum class ListDetail {
  kNames,          // names only (Storage::ListNames, no stat per file): what replay needs
  kSizesAndTimes,  // plus size and mtime (a stat per file): timestamps and log cleanup
};

// Lists _delta_log from `start` (inclusive; names of lower versions are skipped before they
// are parsed) and checks the commits are contiguous from the first one to the last. A gap
// that a checkpoint covers (one at or after the version before the next commit: an expired
// prefix being cleaned up) drops the commits before it; any other gap is Corruption
// "versions not contiguous". NotFound when there is no commit at all. With kNames,
// LogFile::info holds only the name.
Result<LogListing> ListLog(Storage& storage, TableVersion start = TableVersion(0),
                           ListDetail detail = ListDetail::kNames);

}  // namespace salesflow::delta
