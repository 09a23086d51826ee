#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "base/time_zone.h"

namespace salesflow {

// What the demo's producer sends.
struct DemoFeedOptions {
  std::string brokers;                  // the embedded broker
  std::string topic = "ventes_stream";  // topic written
  int64_t clients = 200;                // catalog size (one catalog for every run: same seed)
  int64_t products = 40;                // catalog size
  uint64_t catalog_seed = 20241216;     // the catalog's seed, fixed so runs share clients
  int64_t first_vente_id = 1;           // a resumed run passes bronze's max + 1
  std::chrono::microseconds history{std::chrono::hours(24 * 7)};  // backfilled period
  int64_t history_events = 30'000;  // events spread over `history`; 0 = no backfill
  double rate = 5;                  // live events per second after the backfill
  int64_t max_lag = 20'000;         // backfill waits while bronze is this far behind
  TimeZone time_zone;               // timestamps are written as wall-clock time here
};

// The demo's producer: first the history (events stamped evenly over the last `history`,
// sent as fast as bronze keeps up: the embedded broker keeps only ~5 MiB per partition, so
// running ahead would lose messages), then live events stamped now at `rate`, until Stop.
class DemoFeed {
 public:
  // `ingested` returns how many messages of the topic bronze has committed.
  DemoFeed(DemoFeedOptions options, std::function<int64_t()> ingested);

  // Produces until Stop(); flushes before returning.
  Status Run();
  // Ends Run (thread-safe).
  void Stop() { stop_.store(true); }

  // Events queued so far.
  int64_t sent() const { return sent_.load(); }
  // Events acknowledged by the broker.
  int64_t delivered() const { return delivered_.load(); }
  // History events queued so far.
  int64_t backfilled() const { return backfilled_.load(); }
  // True once the history is sent.
  bool live() const { return live_.load(); }
  // The next vente_id Run would use.
  int64_t next_vente_id() const { return options_.first_vente_id + sent_.load(); }
  const DemoFeedOptions& options() const { return options_; }

 private:
  DemoFeedOptions options_;
  std::function<int64_t()> ingested_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> sent_{0};
  std::atomic<int64_t> delivered_{0};
  std::atomic<int64_t> backfilled_{0};
  std::atomic<bool> live_{false};
};

}  // namespace salesflow
