#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>

#include "pipeline/maintenance_metrics.h"

namespace salesflow::pipeline {

// Silver's Prometheus metrics (salesflow_silver_*), in a registry of their own that
// metrics_endpoint.h serves. The bytes-read pair shows incrementality: per commit, silver reads
// the bronze files added since the previous commit, never the history.
class SilverMetrics {
 private:
  std::shared_ptr<prometheus::Registry> registry_;  // first: the metrics below live in it

 public:
  SilverMetrics();

  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

  prometheus::Counter& bronze_bytes_read;        // bronze data file bytes read, in all
  prometheus::Counter& bronze_files_read;        // bronze data files read
  prometheus::Counter& rows_folded;              // bronze rows folded into the state
  prometheus::Gauge& commit_bronze_bytes;        // bronze bytes read for the last gold commit
  prometheus::Histogram& commit_bronze_bytes_h;  // the same, per gold commit
  prometheus::Counter& silver_commits;           // delta_silver_aggreges commits
  prometheus::Counter& gold_commits;             // gold commit rounds (all gold tables)
  prometheus::Counter& rebuilds;                 // full recomputations from bronze
  prometheus::Gauge& bronze_version;             // last bronze version folded
  prometheus::Gauge& state_bytes;                // estimated heap bytes of the state
  prometheus::Histogram& commit_seconds;         // a commit round (files and log)
  MaintenanceMetrics maintenance;                // vacuum + log cleanup of silver's tables
};

}  // namespace salesflow::pipeline
