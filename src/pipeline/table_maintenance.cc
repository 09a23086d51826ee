#include "pipeline/table_maintenance.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "delta/log_cleanup.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/vacuum.h"

namespace salesflow::pipeline {
namespace {

constexpr const char* kDeletedFileRetention = "delta.deletedFileRetentionDuration";
constexpr const char* kLogRetention = "delta.logRetentionDuration";

}  // namespace

std::string DeltaIntervalText(int64_t ms) {
  // Largest unit first; RetentionPropertyMs, Spark and delta-rs all read the plural forms.
  constexpr std::array<std::pair<int64_t, const char*>, 3> kUnits = {
      {{int64_t{86400} * 1000, "days"}, {3600 * 1000, "hours"}, {60 * 1000, "minutes"}}};
  for (const auto& [unit_ms, name] : kUnits) {
    if (ms % unit_ms == 0) return fmt::format("interval {} {}", ms / unit_ms, name);
  }
  return fmt::format("interval {} seconds", ms / 1000);
}

delta::StringMap RetentionProperties(const TableRetention& retention) {
  return {{kDeletedFileRetention, DeltaIntervalText(retention.deleted_file_retention_ms)},
          {kLogRetention, DeltaIntervalText(retention.log_retention_ms)}};
}

Status ValidateRetention(const TableRetention& retention) {
  for (const auto& [ms, what] : {std::pair{retention.deleted_file_retention_ms, "deleted files"},
                                 std::pair{retention.log_retention_ms, "log"}}) {
    if (ms < 1000 || ms % 1000 != 0) {
      return InvalidArgument(
          fmt::format("the {} retention must be whole seconds, at least 1s (got {} ms)", what, ms));
    }
  }
  return Status::Ok();
}

TableRetention DeltaDefaultRetention() {
  TableRetention retention;
  retention.deleted_file_retention_ms = delta::kDefaultVacuumRetentionMs;
  retention.log_retention_ms = delta::kDefaultLogRetentionMs;
  return retention;
}

Result<MaintenanceReport> MaintainTable(delta::Storage& storage, const std::string& table_root,
                                        const TableRetention& retention, const Clock& clock) {
  delta::ParquetCheckpointReader reader;
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot,
                      delta::LoadSnapshot(storage, {.checkpoint_reader = &reader}));
  MaintenanceReport report;
  // The table's own property wins (an operator may have set it with Spark); a table created
  // before silver set these properties gets the configured one.
  const int64_t file_retention = delta::RetentionPropertyMs(snapshot, kDeletedFileRetention)
                                     .value_or(retention.deleted_file_retention_ms);
  SF_ASSIGN_OR_RETURN(std::vector<delta::TableFile> files, delta::ListLocalTableFiles(table_root));
  delta::VacuumOptions vacuum;
  vacuum.retention_ms = file_retention;
  // Shorter than Delta's week only for a table without the property, where the configured
  // retention is by definition the table's own.
  vacuum.allow_short_retention = true;
  vacuum.clock = &clock;
  Result<delta::VacuumResult> vacuumed = delta::Vacuum(storage, snapshot, files, vacuum);
  if (!vacuumed.ok()) return vacuumed.status();  // says "vacuum"
  report.files_deleted = static_cast<int64_t>(vacuumed->files.size());
  report.bytes_deleted = vacuumed->bytes;
  delta::LogCleanupOptions cleanup;
  cleanup.retention_ms =
      delta::RetentionPropertyMs(snapshot, kLogRetention).value_or(retention.log_retention_ms);
  cleanup.clock = &clock;
  Result<delta::LogCleanupResult> cleaned = delta::CleanupExpiredLogs(storage, snapshot, cleanup);
  if (!cleaned.ok()) return cleaned.status().WithContext("log cleanup");
  report.log_files_deleted = static_cast<int64_t>(cleaned->deleted.size());
  report.log_start = cleaned->kept_from;
  return report;
}

}  // namespace salesflow::pipeline
