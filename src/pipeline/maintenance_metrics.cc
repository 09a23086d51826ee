#include "pipeline/maintenance_metrics.h"

#include <fmt/format.h>

namespace salesflow::pipeline {
namespace {

prometheus::Counter& StageCounter(prometheus::Registry& registry, const std::string& stage,
                                  const char* name, const std::string& help) {
  return prometheus::BuildCounter()
      .Name(fmt::format("salesflow_{}_{}", stage, name))
      .Help(help)
      .Register(registry)
      .Add({});
}

}  // namespace

MaintenanceMetrics::MaintenanceMetrics(prometheus::Registry& registry, const std::string& stage)
    : runs(StageCounter(registry, stage, "maintenance_runs_total",
                        fmt::format("vacuum and log cleanup passes over {}'s tables", stage))),
      failures(StageCounter(registry, stage, "maintenance_failures_total",
                            "vacuum or log cleanup passes that failed")),
      vacuumed_files(
          StageCounter(registry, stage, "vacuumed_files_total",
                       fmt::format("removed data files vacuum deleted from {}'s tables", stage))),
      vacuumed_bytes(StageCounter(registry, stage, "vacuumed_bytes_total",
                                  "bytes of the data files vacuum deleted")),
      log_files_deleted(StageCounter(registry, stage, "log_files_deleted_total",
                                     "expired commit and checkpoint files deleted")) {}

void MaintenanceMetrics::Record(const Result<MaintenanceReport>& report) {
  if (!report.ok()) {
    failures.Increment();
    return;
  }
  runs.Increment();
  vacuumed_files.Increment(static_cast<double>(report->files_deleted));
  vacuumed_bytes.Increment(static_cast<double>(report->bytes_deleted));
  log_files_deleted.Increment(static_cast<double>(report->log_files_deleted));
}

}  // namespace salesflow::pipeline
