#include "delta/log_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace salesflow::delta {
namespace {

constexpr size_t kVersionDigits = 20;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> ParseDigits(std::string_view s) {
  if (!AllDigits(s)) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string VersionPrefix(TableVersion version) {
  return fmt::format("{:020d}", version.value());
}

}  // namespace

std::string LogFile::path() const {
  return JoinPath(kLogDir, info.name);
}

std::optional<LogFile> ParseLogFileName(const FileInfo& info) {
  std::string_view name = info.name;
  if (name.size() < kVersionDigits + 5) return std::nullopt;
  auto version = ParseDigits(name.substr(0, kVersionDigits));
  if (!version) return std::nullopt;
  std::string_view rest = name.substr(kVersionDigits);
  LogFile file;
  file.version = TableVersion(*version);
  file.info = info;
  if (rest == ".json") {
    file.kind = LogFileKind::kCommit;
    return file;
  }
  if (rest == ".checkpoint.parquet") {
    file.kind = LogFileKind::kClassicCheckpoint;
    return file;
  }
  if (!rest.starts_with(".checkpoint.")) return std::nullopt;
  rest.remove_prefix(std::string_view(".checkpoint.").size());
  // <part:10>.<parts:10>.parquet
  if (rest.size() == 10 + 1 + 10 + 8 && rest[10] == '.' && rest.ends_with(".parquet")) {
    auto part = ParseDigits(rest.substr(0, 10));
    auto parts = ParseDigits(rest.substr(11, 10));
    if (part && parts && *part >= 1 && *part <= *parts) {
      file.kind = LogFileKind::kMultiPartCheckpoint;
      file.part = static_cast<int>(*part);
      file.num_parts = static_cast<int>(*parts);
      return file;
    }
    return std::nullopt;
  }
  // <uuid>.json | <uuid>.parquet
  if (rest.ends_with(".json") || rest.ends_with(".parquet")) {
    file.kind = LogFileKind::kV2Checkpoint;
    return file;
  }
  return std::nullopt;
}

std::string CommitPath(TableVersion version) {
  return JoinPath(kLogDir, VersionPrefix(version) + ".json");
}

std::string ClassicCheckpointPath(TableVersion version) {
  return JoinPath(kLogDir, VersionPrefix(version) + ".checkpoint.parquet");
}

std::string LastCheckpointPath() {
  return JoinPath(kLogDir, "_last_checkpoint");
}

Result<LogListing> ListLog(Storage& storage, TableVersion start, ListDetail detail) {
  // Names start with the zero-padded version, so every name of a version >= start sorts at or
  // after its 20 digits ('_last_checkpoint' too, but it does not parse as a log file).
  std::string start_from = start > TableVersion(0) ? VersionPrefix(start) : std::string();
  std::vector<FileInfo> entries;
  if (detail == ListDetail::kSizesAndTimes) {
    SF_ASSIGN_OR_RETURN(entries, storage.List(kLogDir, ""));
    std::erase_if(entries, [&](const FileInfo& entry) { return entry.name < start_from; });
  } else {
    SF_ASSIGN_OR_RETURN(std::vector<std::string> names, storage.ListNames(kLogDir, "", start_from));
    entries.reserve(names.size());
    for (std::string& name : names) entries.push_back({.name = std::move(name)});
  }
  LogListing listing;
  std::map<int64_t, std::vector<LogFile>> classic_or_v2;
  std::map<std::pair<int64_t, int>, std::vector<LogFile>> multi_part;  // (version, parts)
  for (const FileInfo& entry : entries) {
    std::optional<LogFile> file = ParseLogFileName(entry);
    if (!file || file->version < start) continue;
    switch (file->kind) {
      case LogFileKind::kCommit:
        listing.commits.push_back(std::move(*file));
        break;
      case LogFileKind::kClassicCheckpoint:
      case LogFileKind::kV2Checkpoint:
        classic_or_v2[file->version.value()].push_back(std::move(*file));
        break;
      case LogFileKind::kMultiPartCheckpoint:
        multi_part[{file->version.value(), file->num_parts}].push_back(std::move(*file));
        break;
    }
  }
  for (auto& [version, files] : classic_or_v2) {
    // Prefer a classic file when both exist: every engine can read it.
    std::sort(files.begin(), files.end(), [](const LogFile& a, const LogFile& b) {
      return (a.kind == LogFileKind::kClassicCheckpoint) >
             (b.kind == LogFileKind::kClassicCheckpoint);
    });
    listing.checkpoints.push_back({TableVersion(version), {files.front()}, files.front().kind});
  }
  for (auto& [key, files] : multi_part) {
    std::sort(files.begin(), files.end(),
              [](const LogFile& a, const LogFile& b) { return a.part < b.part; });
    bool complete = static_cast<int>(files.size()) == key.second;
    for (size_t i = 0; complete && i < files.size(); ++i) {
      complete = files[i].part == static_cast<int>(i) + 1;
    }
    if (!complete) continue;  // a checkpoint still being written, or one that crashed
    listing.checkpoints.push_back(
        {TableVersion(key.first), std::move(files), LogFileKind::kMultiPartCheckpoint});
  }
  std::stable_sort(listing.checkpoints.begin(), listing.checkpoints.end(),
                   [](const CheckpointInstance& a, const CheckpointInstance& b) {
                     return a.version < b.version;
                   });
  if (listing.commits.empty() && listing.checkpoints.empty()) {
    return NotFound(fmt::format("no Delta log: {} has no commit", kLogDir));
  }
  for (size_t i = 1; i < listing.commits.size(); ++i) {
    TableVersion want = listing.commits[i - 1].version.next();
    if (listing.commits[i].version == want) continue;
    // Log cleanup deletes expired commits in ascending order, only below a checkpoint; a
    // listing taken while one runs (or from a stale _last_checkpoint hint, which a slow
    // checkpoint writer can leave behind a newer checkpoint) sees a hole below that
    // checkpoint. The commits before the hole are a prefix on its way out: drop them. A hole
    // no checkpoint covers is real damage.
    const TableVersion resume = listing.commits[i].version;
    const bool covered =
        std::any_of(listing.checkpoints.begin(), listing.checkpoints.end(),
                    [&](const CheckpointInstance& cp) { return cp.version.next() >= resume; });
    if (!covered) {
      return Corruption(
          fmt::format("versions not contiguous in {}: {} is followed by {} ({} missing)", kLogDir,
                      listing.commits[i - 1].version, resume, want));
    }
    listing.commits.erase(listing.commits.begin(),
                          listing.commits.begin() + static_cast<std::ptrdiff_t>(i));
    i = 0;
  }
  return listing;
}

}  // namespace salesflow::delta
