#include "cli/demo_feed.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/clock.h"
#include "event/catalog.h"
#include "event/generator.h"
#include "kafka/producer.h"

namespace salesflow {

DemoFeed::DemoFeed(DemoFeedOptions options, std::function<int64_t()> ingested)
    : options_(std::move(options)), ingested_(std::move(ingested)) {}

Status DemoFeed::Run() {
  SF_ASSIGN_OR_RETURN(auto producer,
                      Producer::Create({.brokers = options_.brokers, .topic = options_.topic}));
  const int64_t now = SystemClock::Instance().NowMicros();
  const int64_t history = options_.history_events > 0 ? options_.history.count() : 0;
  SaleGenerator generator(
      GenerateCatalog(static_cast<size_t>(options_.clients), static_cast<size_t>(options_.products),
                      options_.catalog_seed),
      SaleGeneratorOptions{
          // Events differ from run to run; the catalog does not.
          .seed = options_.catalog_seed + static_cast<uint64_t>(options_.first_vente_id),
          .first_vente_id = options_.first_vente_id,
          .start_micros = now - history,
          .pace_micros = options_.history_events > 0 ? history / options_.history_events : 0,
          // Stamps never pass the clock: after the history, events are stamped "now".
          .clock = &SystemClock::Instance(),
          .time_zone = options_.time_zone,
          .attribute_change_probability = 0.0005,
      });
  GeneratedMessage message;
  auto send_one = [&]() -> Status {
    generator.Next(&message);
    SF_RETURN_IF_ERROR(producer->Send(message.key, message.payload));
    sent_.fetch_add(1);
    return Status::Ok();
  };
  // History, paced by bronze's lag.
  while (!stop_.load() && backfilled_.load() < options_.history_events) {
    const int64_t lag = sent_.load() - ingested_();
    const int64_t room = std::min(
        {options_.max_lag - lag, options_.history_events - backfilled_.load(), int64_t{2000}});
    if (room <= 0) {
      producer->Poll(std::chrono::milliseconds(50));
      delivered_.store(producer->counts().delivered);
      continue;
    }
    for (int64_t i = 0; i < room; ++i) {
      SF_RETURN_IF_ERROR(send_one());
      backfilled_.fetch_add(1);
    }
    producer->Poll(std::chrono::milliseconds(0));
    delivered_.store(producer->counts().delivered);
  }
  if (!stop_.load()) {
    spdlog::info("demo: {} history events sent; live at {}/s", backfilled_.load(), options_.rate);
  }
  live_.store(true);
  // Live: event k is due k / rate seconds after the history ended.
  const auto live_start = std::chrono::steady_clock::now();
  int64_t live_sent = 0;
  while (!stop_.load()) {
    if (options_.rate > 0) {
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - live_start).count();
      const auto due = static_cast<int64_t>(elapsed * options_.rate);
      for (; live_sent < due && !stop_.load(); ++live_sent) SF_RETURN_IF_ERROR(send_one());
    }
    producer->Poll(std::chrono::milliseconds(50));
    delivered_.store(producer->counts().delivered);
  }
  Status flushed = producer->Flush(std::chrono::seconds(10));
  delivered_.store(producer->counts().delivered);
  return flushed;
}

}  // namespace salesflow
