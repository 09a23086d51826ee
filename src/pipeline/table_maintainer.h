#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "delta/local_storage.h"
#include "pipeline/table_maintenance.h"

namespace salesflow::pipeline {

// Told the outcome of each maintenance pass of a table (metrics, run summaries); called on
// the table's checkpoint thread.
using MaintenanceObserver =
    std::function<void(const std::string& table, const Result<MaintenanceReport>& report)>;

// How a TableMaintainer runs.
struct TableMaintainerOptions {
  std::string log_prefix = "bronze";  // first word of its log lines (the stage)
  std::string table_name;             // names the table in log lines and to the observer
  TableRetention retention;           // retention used for a table without the properties
  const Clock* clock = nullptr;       // maintenance "now" (nullptr = SystemClock)
  bool sync = true;                   // fsync through its storage (deletes need none)
  MaintenanceObserver observer;       // may be empty
};

// One table's vacuum and expired-log cleanup as a long-running stage runs it: a pass right
// after each checkpoint, from CheckpointWorkerOptions::after_checkpoint (see Hook), through a
// storage of its own (and retention.wrap_storage's wrapper, for tests). A failed pass is
// logged and reported, never fatal: what it left is taken by the pass after the next
// checkpoint. Passes by several processes on one table may race (bronze's consumer group):
// MaintainTable tolerates files another pass deleted first.
class TableMaintainer {
 public:
  TableMaintainer(const std::string& table_dir, TableMaintainerOptions options);
  ~TableMaintainer();
  TableMaintainer(const TableMaintainer&) = delete;
  TableMaintainer& operator=(const TableMaintainer&) = delete;

  // One pass; its outcome is logged and given to the observer.
  Result<MaintenanceReport> Run();
  // What CheckpointWorkerOptions::after_checkpoint should be: a pass, or nothing when
  // maintenance is disabled. The maintainer must outlive the worker.
  std::function<void()> Hook();

 private:
  TableMaintainerOptions options_;
  delta::LocalStorage storage_;
  std::unique_ptr<delta::Storage> wrapper_;  // retention.wrap_storage's, if any
};

}  // namespace salesflow::pipeline
