#pragma once

#include <map>
#include <string>
#include <vector>

#include "delta/storage.h"

namespace salesflow::delta {

// Named points of the multi-step protocols where tests inject faults.
namespace fault_points {
inline constexpr const char* kCommitAfterTempWrite = "commit.after_temp_write";
inline constexpr const char* kCommitAfterLink = "commit.after_link";
inline constexpr const char* kCommitAfterDirSync = "commit.after_dir_sync";
inline constexpr const char* kCheckpointAfterTempWrite = "checkpoint.after_temp_write";
inline constexpr const char* kCheckpointBeforeRename = "checkpoint.before_rename";
inline constexpr const char* kCheckpointAfterRename = "checkpoint.after_rename";
inline constexpr const char* kLastCheckpointBeforeRename = "last_checkpoint.before_rename";
// Every commit point, in the order a commit passes them.
std::vector<std::string> CommitPoints();
}  // namespace fault_points

// What an armed fault point does.
enum class FaultKind {
  kError,  // the step fails with IoError; the operation may clean up and report it
  kCrash,  // the process "dies": this and every later call fails, nothing is cleaned up
  kExit,   // the process really dies with _exit(kFaultExitCode) (for multi-process tests)
};

// Exit status of a process killed by FaultKind::kExit.
inline constexpr int kFaultExitCode = 86;

// Wraps a Storage and injects faults at named points (see fault_points) and storage calls.
// Storage calls are also points: "storage.read", "storage.list", "storage.write_temporary",
// "storage.publish", "storage.rename", "storage.sync_dir", "storage.delete", "storage.stat".
// After a kCrash every call returns Cancelled("crashed"), like a process that is gone: the
// test then opens a fresh storage on the same directory to play the next writer.
class FaultInjectingStorage final : public Storage {
 public:
  explicit FaultInjectingStorage(Storage& inner) : inner_(inner) {}

  // Fires `kind` the `skip + 1`-th time `point` is reached (once).
  void Arm(std::string point, FaultKind kind, int skip = 0);
  // True once a kCrash fired.
  bool crashed() const { return crashed_; }
  // How often each point was reached (armed or not), to check a test covered it.
  const std::map<std::string, int>& hits() const { return hits_; }

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
  Status FaultPoint(std::string_view point) override;

 private:
  // One armed fault.
  struct Armed {
    FaultKind kind;  // what happens
    int skip;        // hits to let pass first
  };

  Status Hit(std::string_view point);

  Storage& inner_;
  std::map<std::string, Armed, std::less<>> armed_;
  std::map<std::string, int> hits_;
  bool crashed_ = false;
};

}  // namespace salesflow::delta
