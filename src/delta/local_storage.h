#pragma once

#include <string>

#include "delta/storage.h"

namespace salesflow::delta {

// Options of the local file system storage.
struct LocalStorageOptions {
  // fsync temporary files and directories. Only benchmarks and fixture builders turn it off
  // (a power loss may then lose acknowledged commits; a process crash still cannot).
  bool sync = true;
};

// Storage on a POSIX file system rooted at a table directory. Put-if-absent is link(2) of a
// fully written, fsynced temporary file, never O_EXCL on the final name: a crash between
// open and write would otherwise leave an empty or partial commit visible to every reader.
class LocalStorage final : public Storage {
 public:
  explicit LocalStorage(std::string root, LocalStorageOptions options = {});

  const std::string& root() const { return root_; }

  Result<std::string> ReadFile(std::string_view path) override;
  Result<std::vector<FileInfo>> List(std::string_view dir, std::string_view name_prefix) override;
  Result<std::vector<std::string>> ListNames(std::string_view dir, std::string_view name_prefix,
                                             std::string_view start_from) override;
  Result<FileInfo> Stat(std::string_view path) override;
  Result<std::string> WriteTemporary(std::string_view dir, std::string_view contents,
                                     std::string_view name_hint) override;
  Status PublishIfAbsent(std::string_view temporary_path, std::string_view final_path) override;
  Status Rename(std::string_view temporary_path, std::string_view final_path) override;
  Status SyncDirectory(std::string_view dir) override;
  Status Delete(std::string_view path) override;

 private:
  std::string Absolute(std::string_view path) const;
  Status MakeDirectories(const std::string& absolute_dir);

  std::string root_;
  LocalStorageOptions options_;
};

}  // namespace salesflow::delta
