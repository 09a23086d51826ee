#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>

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
  prometheus::Counter& maintenance_runs;         // vacuum + log cleanup passes that succeeded
  prometheus::Counter& maintenance_failures;     // passes that failed (logged; retried later)
  prometheus::Counter& vacuumed_files;           // removed data files deleted by vacuum
  prometheus::Counter& vacuumed_bytes;           // their bytes
  prometheus::Counter& log_files_deleted;        // expired commit and checkpoint files deleted
};

}  // namespace salesflow::pipeline
