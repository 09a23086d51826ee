#include "cli/table_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "delta/commit_timestamps.h"
#include "delta/json_writer.h"
#include "delta/local_storage.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/partition_path.h"
#include "delta/snapshot.h"

namespace salesflow {
namespace {

using delta::JsonWriter;

// "2024-12-16T14:30:00.123Z" for a time in ms since the epoch.
std::string FormatMillis(int64_t ms) {
  int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t millis = ms - seconds * 1000;
  std::chrono::sys_seconds time{std::chrono::seconds(seconds)};
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", time, millis);
}

// numRecords of add.stats, when present.
std::optional<int64_t> NumRecords(const delta::AddFile& add) {
  if (!add.stats) return std::nullopt;
  std::string_view stats = *add.stats;
  size_t at = stats.find("\"numRecords\":");
  if (at == std::string_view::npos) return std::nullopt;
  at += std::string_view("\"numRecords\":").size();
  int64_t value = 0;
  bool any = false;
  while (at < stats.size() && stats[at] >= '0' && stats[at] <= '9') {
    value = value * 10 + (stats[at++] - '0');
    any = true;
  }
  return any ? std::optional<int64_t>(value) : std::nullopt;
}

Status History(const std::string& dir, bool json, int64_t limit, std::ostream& out) {
  delta::LocalStorage storage(dir);
  SF_ASSIGN_OR_RETURN(std::vector<delta::CommitTimestamp> commits,
                      delta::ListCommitTimestamps(storage, &TableCheckpointReader()));
  int64_t printed = 0;
  if (!json) out << "VERSION  TIMESTAMP                 OPERATION        PARAMETERS / ENGINE\n";
  for (auto it = commits.rbegin(); it != commits.rend(); ++it) {
    if (limit >= 0 && printed >= limit) break;
    ++printed;
    SF_ASSIGN_OR_RETURN(std::vector<delta::Action> actions,
                        delta::ReadCommit(storage, it->version));
    const delta::CommitInfo* info = nullptr;
    for (const delta::Action& action : actions) {
      if (const auto* found = std::get_if<delta::CommitInfo>(&action)) info = found;
    }
    std::string parameters;
    JsonWriter params(&parameters);
    params.BeginObject();
    if (info != nullptr && info->operation_parameters) {
      for (const auto& [key, raw] : *info->operation_parameters) {
        params.Key(key);
        params.Raw(raw);
      }
    }
    params.EndObject();
    std::string operation = info != nullptr && info->operation ? *info->operation : "";
    std::string engine = info != nullptr && info->engine_info ? *info->engine_info : "";
    if (!json) {
      out << fmt::format("{:<8} {:<24} {:<16} {} {}\n", it->version.value(),
                         FormatMillis(it->timestamp_ms), operation.empty() ? "-" : operation,
                         parameters, engine);
      continue;
    }
    std::string line;
    JsonWriter w(&line);
    w.BeginObject();
    w.Key("version");
    w.Int(it->version.value());
    w.Key("timestamp");
    w.Int(it->timestamp_ms);
    w.Key("operation");
    if (info != nullptr && info->operation) {
      w.String(operation);
    } else {
      w.Null();
    }
    w.Key("operationParameters");
    w.Raw(parameters);
    if (info != nullptr && info->read_version) {
      w.Key("readVersion");
      w.Int(*info->read_version);
    }
    if (info != nullptr && info->is_blind_append) {
      w.Key("isBlindAppend");
      w.Bool(*info->is_blind_append);
    }
    if (info != nullptr && info->operation_metrics) {
      w.Key("operationMetrics");
      w.BeginObject();
      for (const auto& [key, value] : *info->operation_metrics) {
        w.Key(key);
        w.String(value);
      }
      w.EndObject();
    }
    w.Key("engineInfo");
    if (engine.empty()) {
      w.Null();
    } else {
      w.String(engine);
    }
    w.EndObject();
    out << line << '\n';
  }
  out.flush();
  return Status::Ok();
}

Status Files(const std::string& dir, std::optional<int64_t> version, bool json, std::ostream& out) {
  delta::LocalStorage storage(dir);
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadTableSnapshot(storage, version));
  if (!json) out << "SIZE        RECORDS    PATH\n";
  for (const auto& [key, add] : snapshot.active_files()) {
    SF_ASSIGN_OR_RETURN(std::string path, delta::UriDecodePath(add.path));
    std::optional<int64_t> records = NumRecords(add);
    if (!json) {
      out << fmt::format("{:<11} {:<10} {}\n", add.size, records ? std::to_string(*records) : "-",
                         path);
      continue;
    }
    std::string line;
    JsonWriter w(&line);
    w.BeginObject();
    w.Key("path");
    w.String(path);
    w.Key("size");
    w.Int(add.size);
    w.Key("modificationTime");
    w.Int(add.modification_time);
    w.Key("partitionValues");
    w.BeginObject();
    for (const auto& [column, value] : add.partition_values) {
      w.Key(column);
      if (value) {
        w.String(*value);
      } else {
        w.Null();
      }
    }
    w.EndObject();
    w.Key("numRecords");
    if (records) {
      w.Int(*records);
    } else {
      w.Null();
    }
    w.EndObject();
    out << line << '\n';
  }
  if (!json) {
    out << fmt::format("{} files, {} bytes, version {}\n", snapshot.active_files().size(),
                       snapshot.total_bytes(), snapshot.version().value());
  }
  out.flush();
  return Status::Ok();
}

}  // namespace

delta::CheckpointReader& TableCheckpointReader() {
  static delta::ParquetCheckpointReader reader;
  return reader;
}

Result<delta::Snapshot> LoadTableSnapshot(delta::Storage& storage, std::optional<int64_t> version) {
  delta::SnapshotOptions options;
  options.checkpoint_reader = &TableCheckpointReader();
  if (version) options.version = delta::TableVersion(*version);
  return delta::LoadSnapshot(storage, options);
}

CLI::App& TableParentCommand(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App* a) { return a->get_name() == "table"; })) {
    return *sub;
  }
  CLI::App* group = app.add_subcommand("table", "inspect and maintain Delta tables");
  group->require_subcommand(1);
  return *group;
}

void RegisterTableCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App& group = TableParentCommand(app);
  // Option values, filled by CLI11 before the Run functions read them.
  struct Options {
    std::string dir;                 // table directory
    bool json = false;               // JSON lines instead of a table
    int64_t limit = -1;              // history: newest N commits (-1 = all)
    std::optional<int64_t> version;  // files: time travel
  };
  auto options = std::make_shared<Options>();

  Command& history = ctx.AddCommand(group, "history", "list a Delta table's commits, newest first");
  history.app().add_option("dir", options->dir, "table directory")->required();
  history.app().add_flag("--json", options->json, "one JSON object per commit");
  history.app().add_option("--limit", options->limit, "show the newest N commits")->type_name("N");
  history.Run([&ctx, options](const Config&) -> Status {
    if (options->limit < -1) return InvalidArgument("--limit must be >= 0");
    return History(options->dir, options->json, options->limit, ctx.out());
  });

  Command& files = ctx.AddCommand(group, "files", "list the active data files of a Delta table");
  files.app().add_option("dir", options->dir, "table directory")->required();
  files.app().add_flag("--json", options->json, "one JSON object per file");
  files.app().add_option("--version", options->version, "time travel to version V")->type_name("V");
  files.Run([&ctx, options](const Config&) -> Status {
    return Files(options->dir, options->version, options->json, ctx.out());
  });
}

}  // namespace salesflow
