#include "delta/fault_injecting_storage.h"

#include <fmt/format.h>

#include <unistd.h>

#include <utility>

namespace salesflow::delta {

std::vector<std::string> fault_points::CommitPoints() {
  return {kCommitAfterTempWrite, kCommitAfterLink, kCommitAfterDirSync};
}

void FaultInjectingStorage::Arm(std::string point, FaultKind kind, int skip) {
  armed_[std::move(point)] = Armed{kind, skip};
}

Status FaultInjectingStorage::Hit(std::string_view point) {
  if (crashed_) return Cancelled(fmt::format("crashed before {}", point));
  ++hits_[std::string(point)];
  auto it = armed_.find(point);
  if (it == armed_.end()) return Status::Ok();
  if (it->second.skip > 0) {
    --it->second.skip;
    return Status::Ok();
  }
  FaultKind kind = it->second.kind;
  armed_.erase(it);
  switch (kind) {
    case FaultKind::kError:
      return IoError(fmt::format("injected error at {}", point));
    case FaultKind::kCrash:
      crashed_ = true;
      return Cancelled(fmt::format("injected crash at {}", point));
    case FaultKind::kExit:
      ::_exit(kFaultExitCode);
  }
  return Internal("unknown fault kind");
}

Result<std::string> FaultInjectingStorage::ReadFile(std::string_view path) {
  SF_RETURN_IF_ERROR(Hit("storage.read"));
  return inner_.ReadFile(path);
}

Result<std::vector<FileInfo>> FaultInjectingStorage::List(std::string_view dir,
                                                          std::string_view name_prefix) {
  SF_RETURN_IF_ERROR(Hit("storage.list"));
  return inner_.List(dir, name_prefix);
}

Result<std::vector<std::string>> FaultInjectingStorage::ListNames(std::string_view dir,
                                                                  std::string_view name_prefix,
                                                                  std::string_view start_from) {
  SF_RETURN_IF_ERROR(Hit("storage.list"));
  return inner_.ListNames(dir, name_prefix, start_from);
}

Result<FileInfo> FaultInjectingStorage::Stat(std::string_view path) {
  SF_RETURN_IF_ERROR(Hit("storage.stat"));
  return inner_.Stat(path);
}

Result<std::string> FaultInjectingStorage::WriteTemporary(std::string_view dir,
                                                          std::string_view contents,
                                                          std::string_view name_hint) {
  SF_RETURN_IF_ERROR(Hit("storage.write_temporary"));
  return inner_.WriteTemporary(dir, contents, name_hint);
}

Status FaultInjectingStorage::PublishIfAbsent(std::string_view temporary_path,
                                              std::string_view final_path) {
  SF_RETURN_IF_ERROR(Hit("storage.publish"));
  return inner_.PublishIfAbsent(temporary_path, final_path);
}

Status FaultInjectingStorage::Rename(std::string_view temporary_path, std::string_view final_path) {
  SF_RETURN_IF_ERROR(Hit("storage.rename"));
  return inner_.Rename(temporary_path, final_path);
}

Status FaultInjectingStorage::SyncDirectory(std::string_view dir) {
  SF_RETURN_IF_ERROR(Hit("storage.sync_dir"));
  return inner_.SyncDirectory(dir);
}

Status FaultInjectingStorage::Delete(std::string_view path) {
  SF_RETURN_IF_ERROR(Hit("storage.delete"));
  return inner_.Delete(path);
}

Status FaultInjectingStorage::FaultPoint(std::string_view point) {
  return Hit(point);
}

}  // namespace salesflow::delta
