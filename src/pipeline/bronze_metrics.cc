#include "pipeline/bronze_metrics.h"

#include <string>

namespace salesflow::pipeline {
namespace {

prometheus::Counter& MakeCounter(prometheus::Registry& registry, const std::string& name,
                                 const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add({});
}

}  // namespace

BronzeMetrics::BronzeMetrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      consumed(
          MakeCounter(*registry_, "salesflow_bronze_consumed_total", "Kafka messages consumed")),
      written(MakeCounter(*registry_, "salesflow_bronze_written_rows_total",
                          "rows committed to the bronze table")),
      quarantined(MakeCounter(*registry_, "salesflow_bronze_quarantined_rows_total",
                              "rejected messages committed to the quarantine table")),
      skipped(MakeCounter(*registry_, "salesflow_bronze_skipped_total",
                          "re-read messages already committed to a table")),
      commits(MakeCounter(*registry_, "salesflow_bronze_commits_total", "bronze commits")),
      commit_retries(MakeCounter(*registry_, "salesflow_bronze_commit_retries_total",
                                 "commit races lost to other writers and retried")),
      conflicts(MakeCounter(*registry_, "salesflow_bronze_conflicts_total",
                            "flushes refused by a conflict (fenced) or failed; buffer dropped")),
      restarts(MakeCounter(*registry_, "salesflow_bronze_consumer_restarts_total",
                           "consumer rebuilt after an error")),
      broker_errors(MakeCounter(*registry_, "salesflow_bronze_broker_errors_total",
                                "transient broker errors")),
      out_of_range(MakeCounter(*registry_, "salesflow_bronze_offset_out_of_range_total",
                               "stored offsets no longer (or not yet) in Kafka")),
      commit_seconds(
          prometheus::BuildHistogram()
              .Name("salesflow_bronze_commit_seconds")
              .Help("flush latency: data files and both commits")
              .Register(*registry_)
              .Add({}, prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                               0.5, 1, 2.5, 5, 10})),
      last_version(prometheus::BuildGauge()
                       .Name("salesflow_bronze_table_version")
                       .Help("last bronze table version committed by this process")
                       .Register(*registry_)
                       .Add({})),
      maintenance(*registry_, "bronze"),
      lag_family_(&prometheus::BuildGauge()
                       .Name("salesflow_bronze_lag")
                       .Help("messages behind the high watermark, per Kafka partition")
                       .Register(*registry_)) {}

void BronzeMetrics::SetLag(int32_t partition, int64_t lag) {
  std::lock_guard<std::mutex> lock(lag_mutex_);
  auto it = lag_.find(partition);
  if (it == lag_.end()) {
    it = lag_.emplace(partition, &lag_family_->Add({{"partition", std::to_string(partition)}}))
             .first;
  }
  it->second->Set(static_cast<double>(lag));
}

}  // namespace salesflow::pipeline
