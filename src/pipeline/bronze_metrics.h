#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "pipeline/maintenance_metrics.h"

namespace salesflow::pipeline {

// Bronze's Prometheus metrics (salesflow_bronze_*), in a registry of their own that
// metrics_endpoint.h serves. Counters are thread-safe; lag gauges are created per partition.
class BronzeMetrics {
 private:
  std::shared_ptr<prometheus::Registry> registry_;  // first: the metrics below live in it

 public:
  BronzeMetrics();

  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

  prometheus::Counter& consumed;          // messages read from Kafka
  prometheus::Counter& written;           // rows committed to bronze
  prometheus::Counter& quarantined;       // rows committed to quarantine
  prometheus::Counter& skipped;           // re-read messages already in a table
  prometheus::Counter& commits;           // bronze commits
  prometheus::Counter& commit_retries;    // races lost to other writers, retried
  prometheus::Counter& conflicts;         // commits refused (fenced) or failed: buffer dropped
  prometheus::Counter& restarts;          // consumer rebuilt after an error
  prometheus::Counter& broker_errors;     // transient broker errors seen by Poll
  prometheus::Counter& out_of_range;      // stored offset no longer (or not yet) in Kafka
  prometheus::Histogram& commit_seconds;  // flush latency: files + both commits
  prometheus::Gauge& last_version;        // last bronze version committed
  // Vacuum and log cleanup of the bronze and quarantine tables after their checkpoints.
  MaintenanceMetrics maintenance;

  // Consumer lag of one partition (high watermark - next offset to read).
  void SetLag(int32_t partition, int64_t lag);

 private:
  prometheus::Family<prometheus::Gauge>* lag_family_;
  std::mutex lag_mutex_;
  std::map<int32_t, prometheus::Gauge*> lag_;
};

}  // namespace salesflow::pipeline
