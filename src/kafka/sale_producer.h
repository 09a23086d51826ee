#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>

#include "base/result.h"
#include "event/generator.h"
#include "kafka/producer.h"

namespace salesflow {

// How RunSaleProducer paces and reports.
struct SaleProducerOptions {
  int64_t count = 0;  // events to send; 0 = until a stop is requested (SIGINT/SIGTERM)
  double rate = 0.5;  // events per second; 0 = as fast as possible
  std::chrono::milliseconds flush_timeout{30'000};  // final flush budget after the last send
  std::ostream* progress = nullptr;  // when set, a one-line progress display (a terminal)
  // Called after each event is queued (the demo prints it); may be empty.
  std::function<void(const GeneratedMessage&)> on_sent;
};

// What a run did.
struct SaleProducerSummary {
  int64_t sent = 0;           // events queued
  int64_t delivered = 0;      // acknowledged by the broker
  int64_t failed = 0;         // definitively failed deliveries
  double seconds = 0;         // wall time from the first send to the end of the flush
  int64_t next_vente_id = 0;  // where a resumed run may start
  bool stopped = false;       // ended by a stop request rather than by `count`
};

// Sends generator events through `producer` at `rate` until `count` or a stop request
// (base/shutdown.h), then flushes what is queued. Unavailable when the flush could not deliver
// everything in time; the summary is still filled in.
Status RunSaleProducer(Producer& producer, SaleGenerator& generator,
                       const SaleProducerOptions& options, SaleProducerSummary* summary);

}  // namespace salesflow
