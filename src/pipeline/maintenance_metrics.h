#pragma once

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>

#include "base/result.h"
#include "pipeline/table_maintenance.h"

namespace salesflow::pipeline {

// The Prometheus counters of one stage's table maintenance (vacuum and expired-log cleanup
// after checkpoints), salesflow_<stage>_*: bronze and silver register the same set in their
// own registries. Record is called on checkpoint threads; prometheus counters are atomic.
class MaintenanceMetrics {
 public:
  // Registers the counters in `registry`; `stage` is "bronze" or "silver".
  MaintenanceMetrics(prometheus::Registry& registry, const std::string& stage);

  // Counts one pass: a failure, or a run with what it deleted.
  void Record(const Result<MaintenanceReport>& report);

  prometheus::Counter& runs;               // passes that succeeded
  prometheus::Counter& failures;           // passes that failed (logged; retried later)
  prometheus::Counter& vacuumed_files;     // removed data files deleted by vacuum
  prometheus::Counter& vacuumed_bytes;     // their bytes
  prometheus::Counter& log_files_deleted;  // expired commit and checkpoint files deleted
};

}  // namespace salesflow::pipeline
