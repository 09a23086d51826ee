#include "delta/vacuum.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>
#include <system_error>

#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "delta/protocol_support.h"

namespace salesflow::delta {
namespace {

namespace fs = std::filesystem;

bool IsStagingFile(std::string_view name) {
  return name.starts_with(".") && name.ends_with(".tmp");
}

bool IsHiddenDirectory(std::string_view name) {
  return (name.starts_with("_") || name.starts_with(".")) &&
         name.find('=') == std::string_view::npos;
}

}  // namespace

std::optional<int64_t> RetentionPropertyMs(const Snapshot& snapshot, std::string_view key) {
  std::optional<std::string> text = snapshot.Property(key);
  if (!text) return std::nullopt;
  std::string_view v = *text;
  if (v.starts_with("interval ")) v.remove_prefix(9);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  std::string_view unit = v.substr(static_cast<size_t>(end - v.data()));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit.ends_with("s")) unit.remove_suffix(1);
  constexpr int64_t kHour = int64_t{3600} * 1000;
  if (unit == "week") return n * 7 * 24 * kHour;
  if (unit == "day") return n * 24 * kHour;
  if (unit == "hour") return n * kHour;
  if (unit == "minute") return n * 60 * 1000;
  if (unit == "second") return n * 1000;
  return std::nullopt;
}

Result<std::vector<TableFile>> ListLocalTableFiles(const std::string& table_root) {
  std::vector<TableFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(table_root, ec), end;
  if (ec) return IoError(fmt::format("listing {}: {}", table_root, ec.message()));
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError(fmt::format("listing {}: {}", table_root, ec.message()));
    std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (IsHiddenDirectory(name)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    if ((name.starts_with(".") || name.starts_with("_")) && !IsStagingFile(name)) continue;
    struct TableFile f;
    // Lexical: fs::relative stats the file, and a writer's staging file may vanish meanwhile
    // (it gave "", i.e. the table root, to delete).
    f.path = it->path().lexically_relative(table_root).generic_string();
    f.size = static_cast<int64_t>(it->file_size(ec));
    if (ec) continue;  // gone since listed: nothing to vacuum
    auto mtime = it->last_write_time(ec);
    if (ec) continue;  // gone: its time would read as the epoch's minimum, i.e. expired
    f.modification_time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::file_clock::to_sys(mtime).time_since_epoch())
                                 .count();
    files.push_back(std::move(f));
  }
  return files;
}

Result<VacuumResult> Vacuum(Storage& storage, const Snapshot& snapshot,
                            const std::vector<TableFile>& files, const VacuumOptions& options) {
  SF_RETURN_IF_ERROR(CheckWriteSupported(snapshot.protocol(), snapshot.metadata()));
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  int64_t table_retention = RetentionPropertyMs(snapshot, "delta.deletedFileRetentionDuration")
                                .value_or(kDefaultVacuumRetentionMs);
  int64_t retention = options.retention_ms.value_or(table_retention);
  if (retention < table_retention && !options.allow_short_retention) {
    return InvalidArgument(fmt::format(
        "a retention of {} h is shorter than the table's {} h: readers of older versions and "
        "writers still committing could lose files (force it to override)",
        retention / 3600000, table_retention / 3600000));
  }
  int64_t cutoff = clock.NowMillis() - retention;
  std::set<std::string> keep;
  for (const auto& [key, add] : snapshot.active_files()) {
    SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(add.path));
    keep.insert(path);
  }
  std::set<std::string> expired_tombstones;
  for (const auto& [key, remove] : snapshot.tombstones()) {
    SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(remove.path));
    if (remove.deletion_timestamp.value_or(0) >= cutoff) {
      keep.insert(path);
    } else {
      expired_tombstones.insert(path);
    }
  }
  VacuumResult result;
  for (const TableFile& f : files) {
    if (f.path.starts_with(std::string(kLogDir) + "/") || keep.count(f.path) != 0) continue;
    bool old = f.modification_time_ms < cutoff;
    if (!old && expired_tombstones.count(f.path) == 0) continue;
    result.files.push_back(f.path);
    result.bytes += f.size;
  }
  std::sort(result.files.begin(), result.files.end());
  if (options.dry_run) return result;
  for (const std::string& path : result.files) {
    Status s = storage.Delete(path);
    if (!s.ok() && s.code() != StatusCode::kNotFound) return s.WithContext("vacuum");
  }
  return result;
}

}  // namespace salesflow::delta
