#include "cli/table_maintenance_command.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/table_command.h"
#include "delta/checkpoint_writer.h"
#include "delta/local_storage.h"
#include "delta/optimize.h"
#include "delta/snapshot.h"
#include "delta/table_scan.h"
#include "delta/vacuum.h"
#include "parquet/row_json.h"

namespace salesflow {
namespace {

using delta::LocalStorage;

// Prints the rows as `parquet cat` does: JSON lines, or a header and tab-separated values.
Status Show(const std::string& dir, std::optional<int64_t> version, int64_t limit, bool json,
            std::ostream& os) {
  LocalStorage storage(dir);
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadTableSnapshot(storage, version));
  SF_ASSIGN_OR_RETURN(auto scan, delta::TableScan::Open(storage, snapshot));
  parquet::RowPrinter printer(
      os, json ? parquet::RowFormat::kJson : parquet::RowFormat::kTabSeparated, limit);
  std::vector<std::string> names;
  for (const auto& c : scan->schema().fields) names.push_back(c.name);
  printer.Header(names);
  parquet::ColumnBatch batch;
  while (!printer.done()) {
    SF_ASSIGN_OR_RETURN(bool more, scan->Next(&batch));
    if (!more) break;
    printer.Print(batch);
  }
  os.flush();
  return Status::Ok();
}

}  // namespace

void RegisterTableMaintenanceCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = &TableParentCommand(app);
  struct Options {
    std::string dir;
    std::optional<int64_t> version;
    int64_t limit = -1;
    bool json = false;
    bool dry_run = false;
    std::optional<double> retain_hours;
    bool force = false;
    int64_t target_size = int64_t{128} << 20;
  };
  auto options = std::make_shared<Options>();

  Command& show = ctx.AddCommand(*group, "show", "print the rows of a Delta table");
  show.app().add_option("dir", options->dir, "table directory")->required();
  show.app().add_option("--version", options->version, "time travel to version V")->type_name("V");
  show.app().add_option("--limit", options->limit, "print at most N rows")->type_name("N");
  show.app().add_flag("--json", options->json, "one JSON object per row (as parquet cat --json)");
  show.Run([&ctx, options](const Config&) -> Status {
    if (options->limit < -1) return InvalidArgument("--limit must be >= 0");
    return Show(options->dir, options->version, options->limit, options->json, ctx.out());
  });

  Command& optimize = ctx.AddCommand(*group, "optimize",
                                     "compact small files of each partition (dataChange=false)");
  optimize.app().add_option("dir", options->dir, "table directory")->required();
  optimize.app()
      .add_option("--target-size", options->target_size, "bytes a compacted file aims at")
      ->type_name("BYTES");
  optimize.Run([&ctx, options](const Config&) -> Status {
    if (options->target_size <= 0) return InvalidArgument("--target-size must be positive");
    LocalStorage storage(options->dir);
    SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadTableSnapshot(storage));
    delta::OptimizeOptions o;
    o.target_file_size = options->target_size;
    SF_ASSIGN_OR_RETURN(delta::OptimizeResult r, delta::Optimize(storage, snapshot, o));
    if (r.version) {
      ctx.out() << fmt::format("version {}: {} files ({} bytes) compacted into {} ({} bytes)\n",
                               *r.version, r.files_removed, r.bytes_removed, r.files_added,
                               r.bytes_added);
    } else {
      ctx.out() << "nothing to compact\n";
    }
    return Status::Ok();
  });

  Command& vacuum =
      ctx.AddCommand(*group, "vacuum", "delete data files no version within the retention uses");
  vacuum.app().add_option("dir", options->dir, "table directory")->required();
  vacuum.app().add_flag("--dry-run", options->dry_run, "list the files, delete nothing");
  vacuum.app()
      .add_option("--retain-hours", options->retain_hours,
                  "retention in hours (default: the table's, 168)")
      ->type_name("H");
  vacuum.app().add_flag("--force", options->force,
                        "allow a retention shorter than the table's deletedFileRetentionDuration");
  vacuum.Run([&ctx, options](const Config&) -> Status {
    LocalStorage storage(options->dir);
    SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadTableSnapshot(storage));
    delta::VacuumOptions o;
    o.dry_run = options->dry_run;
    o.allow_short_retention = options->force;
    if (options->retain_hours) {
      if (*options->retain_hours < 0) return InvalidArgument("--retain-hours must be >= 0");
      o.retention_ms = static_cast<int64_t>(*options->retain_hours * 3600.0 * 1000.0);
    }
    SF_ASSIGN_OR_RETURN(auto files, delta::ListLocalTableFiles(options->dir));
    Result<delta::VacuumResult> r = delta::Vacuum(storage, snapshot, files, o);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kInvalidArgument) {
        return InvalidArgument(r.status().message() + " (--force)");
      }
      return r.status();
    }
    for (const std::string& f : r->files) ctx.out() << f << '\n';
    ctx.out() << fmt::format("{} {} files ({} bytes)\n",
                             options->dry_run ? "would delete" : "deleted", r->files.size(),
                             r->bytes);
    return Status::Ok();
  });

  Command& checkpoint =
      ctx.AddCommand(*group, "checkpoint", "write a checkpoint of the latest version");
  checkpoint.app().add_option("dir", options->dir, "table directory")->required();
  checkpoint.Run([&ctx, options](const Config&) -> Status {
    LocalStorage storage(options->dir);
    SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadTableSnapshot(storage));
    SF_ASSIGN_OR_RETURN(delta::CheckpointStats stats, delta::WriteCheckpoint(storage, snapshot));
    ctx.out() << fmt::format("checkpoint {}: {} actions, {} add files, {} bytes\n", stats.version,
                             stats.num_actions, stats.num_add_files, stats.size_in_bytes);
    return Status::Ok();
  });
}

}  // namespace salesflow
