#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "delta/action.h"
#include "delta/storage.h"
#include "delta/table_version.h"

namespace salesflow::pipeline {

// delta.deletedFileRetentionDuration silver gives its tables: a gold table replaces its
// partitions every second, so the week Delta keeps by default would be ~600,000 dead files; an
// hour is far longer than any reader of these small tables holds a snapshot (the dashboard
// reloads on every commit, a Spark or delta-rs query of them takes seconds).
inline constexpr int64_t kSilverDeletedFileRetentionMs = int64_t{3600} * 1000;
// delta.logRetentionDuration silver gives its tables: a day of history (`table history`, time
// travel, a streaming reader down for a few hours) instead of Delta's 30 days of 86,400
// commits a day.
inline constexpr int64_t kSilverLogRetentionMs = int64_t{24} * 3600 * 1000;

// How the tables a stage rewrites continuously are kept from growing without bound.
struct TableRetention {
  bool enabled = true;  // vacuum and clean the log after each checkpoint
  // Vacuum keeps files removed for less than this; written as delta.deletedFileRetentionDuration
  // on tables created here, and used for tables without that property.
  int64_t deleted_file_retention_ms = kSilverDeletedFileRetentionMs;
  // Commit files younger than this stay; written as delta.logRetentionDuration on tables
  // created here, and used for tables without that property.
  int64_t log_retention_ms = kSilverLogRetentionMs;
  // Test seam: wraps the storage maintenance reads and deletes through (fault injection);
  // unset = the table's own local storage.
  std::function<std::unique_ptr<delta::Storage>(delta::Storage& inner)> wrap_storage;
};

// What one maintenance pass did.
struct MaintenanceReport {
  int64_t files_deleted = 0;                     // data files vacuumed
  int64_t bytes_deleted = 0;                     // their bytes
  int64_t log_files_deleted = 0;                 // commit and checkpoint files cleaned up
  std::optional<delta::TableVersion> log_start;  // the checkpoint the log now starts at
};

// "interval 1 hours", "interval 1 days": a duration as the Delta retention properties write
// it (whole seconds, the largest exact unit), which Spark, delta-rs and RetentionPropertyMs read.
std::string DeltaIntervalText(int64_t ms);

// The table properties a new table gets from `retention`.
delta::StringMap RetentionProperties(const TableRetention& retention);

// Checks the durations: whole seconds, at least one second.
Status ValidateRetention(const TableRetention& retention);

// Delta's own retention for tables without the properties (deleted files 7 days, log 30
// days), maintenance enabled: for tables that outside readers may lag behind (bronze's).
TableRetention DeltaDefaultRetention();

// One maintenance pass over the local table at `table_root` through `storage`: loads its
// latest snapshot (checkpoint + commits), vacuums the data files removed longer ago than the
// table's delta.deletedFileRetentionDuration (else retention.deleted_file_retention_ms), then
// deletes the commit and checkpoint files older than delta.logRetentionDuration (else
// retention.log_retention_ms) that lie behind the newest checkpoint all of whose preceding
// commits are expired (delta/log_cleanup.h): the latest snapshot always stays loadable.
// Runs beside commits: files a concurrent commit adds are young or active, so never taken.
Result<MaintenanceReport> MaintainTable(delta::Storage& storage, const std::string& table_root,
                                        const TableRetention& retention, const Clock& clock);

}  // namespace salesflow::pipeline
