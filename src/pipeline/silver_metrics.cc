#include "pipeline/silver_metrics.h"

#include <string>

namespace salesflow::pipeline {
namespace {

prometheus::Counter& MakeCounter(prometheus::Registry& registry, const std::string& name,
                                 const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add({});
}

prometheus::Gauge& MakeGauge(prometheus::Registry& registry, const std::string& name,
                             const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add({});
}

}  // namespace

SilverMetrics::SilverMetrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      bronze_bytes_read(MakeCounter(*registry_, "salesflow_silver_bronze_bytes_read_total",
                                    "bytes of bronze data files read")),
      bronze_files_read(MakeCounter(*registry_, "salesflow_silver_bronze_files_read_total",
                                    "bronze data files read")),
      rows_folded(MakeCounter(*registry_, "salesflow_silver_rows_folded_total",
                              "bronze rows folded into the aggregates")),
      commit_bronze_bytes(MakeGauge(*registry_, "salesflow_silver_commit_bronze_bytes",
                                    "bronze bytes read for the last gold commit")),
      commit_bronze_bytes_h(
          prometheus::BuildHistogram()
              .Name("salesflow_silver_commit_bronze_bytes_per_commit")
              .Help("bronze bytes read per gold commit")
              .Register(*registry_)
              .Add({}, prometheus::Histogram::BucketBoundaries{1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9})),
      silver_commits(MakeCounter(*registry_, "salesflow_silver_silver_commits_total",
                                 "delta_silver_aggreges commits")),
      gold_commits(MakeCounter(*registry_, "salesflow_silver_gold_commits_total",
                               "gold commit rounds (every gold table)")),
      rebuilds(MakeCounter(*registry_, "salesflow_silver_rebuilds_total",
                           "full recomputations from the bronze table")),
      bronze_version(
          MakeGauge(*registry_, "salesflow_silver_bronze_version", "last bronze version folded")),
      state_bytes(MakeGauge(*registry_, "salesflow_silver_state_bytes",
                            "estimated heap bytes of the aggregation state")),
      commit_seconds(
          prometheus::BuildHistogram()
              .Name("salesflow_silver_commit_seconds")
              .Help("a commit round: data files and log")
              .Register(*registry_)
              .Add({}, prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                               0.5, 1, 2.5, 5, 10})),
      maintenance(*registry_, "silver") {}

}  // namespace salesflow::pipeline
