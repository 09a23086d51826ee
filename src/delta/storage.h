#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace salesflow::delta {

// One entry of a directory listing.
struct FileInfo {
  std::string name;                  // file name inside the listed directory (no slash)
  int64_t size = 0;                  // bytes
  int64_t modification_time_ms = 0;  // milliseconds since the Unix epoch
};

// The file system seam of a Delta table. Paths are relative to the table root and use '/'.
// The commit protocol needs exactly these primitives; an object store implements them too:
// WriteTemporary stages the bytes (a local spool or a multipart upload), PublishIfAbsent is a
// conditional PUT (S3 `If-None-Match: *`), Rename a plain overwrite PUT, SyncDirectory a no-op.
class Storage {
 public:
  virtual ~Storage() = default;

  // Whole contents of a file; NotFound when absent.
  virtual Result<std::string> ReadFile(std::string_view path) = 0;
  // Files of `dir` whose name starts with `name_prefix`, sorted by name. A missing directory
  // lists as empty (a table without commits).
  virtual Result<std::vector<FileInfo>> List(std::string_view dir,
                                             std::string_view name_prefix) = 0;
  // Names of the files of `dir` that start with `name_prefix` and sort at or after
  // `start_from`, sorted; no size or time. Listing a big _delta_log must not cost a stat per
  // entry (an object store maps `start_from` to ListObjectsV2's StartAfter). A missing
  // directory lists as empty.
  virtual Result<std::vector<std::string>> ListNames(std::string_view dir,
                                                     std::string_view name_prefix,
                                                     std::string_view start_from) = 0;
  // Size and modification time of one file; NotFound when absent.
  virtual Result<FileInfo> Stat(std::string_view path) = 0;
  // Writes `contents` to a new uniquely named hidden file in `dir`, flushed to stable storage
  // (fsync) when the storage is durable. Returns its path. Creates `dir` when missing.
  virtual Result<std::string> WriteTemporary(std::string_view dir, std::string_view contents,
                                             std::string_view name_hint) = 0;
  // Publishes a temporary file under `final_path` only if no file has that name (link(2)):
  // AlreadyExists when another writer got there first. Readers never see a partial file.
  // The temporary name stays behind; the caller deletes it.
  virtual Status PublishIfAbsent(std::string_view temporary_path, std::string_view final_path) = 0;
  // Replaces `final_path` atomically with the temporary file (rename(2)); for checkpoints and
  // _last_checkpoint, which may be rewritten with identical content.
  virtual Status Rename(std::string_view temporary_path, std::string_view final_path) = 0;
  // Makes the names created in `dir` durable (fsync of the directory).
  virtual Status SyncDirectory(std::string_view dir) = 0;
  // Removes a file; NotFound when absent.
  virtual Status Delete(std::string_view path) = 0;
  // Named crash/error injection point of a multi-step protocol (commit, checkpoint). Real
  // storages return Ok; FaultInjectingStorage fails or "crashes" here when armed.
  virtual Status FaultPoint(std::string_view /*point*/) { return Status::Ok(); }
};

// Joins a table-relative directory and a name ("_delta_log" + "x" -> "_delta_log/x").
std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace salesflow::delta
