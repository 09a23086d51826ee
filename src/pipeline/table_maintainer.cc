#include "pipeline/table_maintainer.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace salesflow::pipeline {

TableMaintainer::TableMaintainer(const std::string& table_dir, TableMaintainerOptions options)
    : options_(std::move(options)), storage_(table_dir, {.sync = options_.sync}) {
  if (options_.retention.wrap_storage) wrapper_ = options_.retention.wrap_storage(storage_);
}

TableMaintainer::~TableMaintainer() = default;

Result<MaintenanceReport> TableMaintainer::Run() {
  const Clock& clock = options_.clock != nullptr ? *options_.clock : SystemClock::Instance();
  delta::Storage& storage = wrapper_ ? *wrapper_ : static_cast<delta::Storage&>(storage_);
  Result<MaintenanceReport> report =
      MaintainTable(storage, storage_.root(), options_.retention, clock);
  if (!report.ok()) {
    spdlog::warn("{}: maintenance of {} failed (retried after its next checkpoint): {}",
                 options_.log_prefix, options_.table_name, report.status().ToString());
  } else {
    spdlog::debug("{}: {}: vacuumed {} files ({} bytes), deleted {} log files", options_.log_prefix,
                  options_.table_name, report->files_deleted, report->bytes_deleted,
                  report->log_files_deleted);
  }
  if (options_.observer) options_.observer(options_.table_name, report);
  return report;
}

std::function<void()> TableMaintainer::Hook() {
  if (!options_.retention.enabled) return {};
  return [this] { static_cast<void>(Run()); };
}

}  // namespace salesflow::pipeline
