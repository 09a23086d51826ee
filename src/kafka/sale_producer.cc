#include "kafka/sale_producer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/shutdown.h"

namespace salesflow {
namespace {

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

void ShowProgress(std::ostream& out, const Producer& producer, SteadyClock::time_point start) {
  DeliveryCounts c = producer.counts();
  double s = std::max(SecondsSince(start), 1e-9);
  out << fmt::format("\rsent {}  {:.0f} events/s  delivered {}  failed {}   ", c.sent,
                     static_cast<double>(c.sent) / s, c.delivered, c.failed)
      << std::flush;
}

}  // namespace

Status RunSaleProducer(Producer& producer, SaleGenerator& generator,
                       const SaleProducerOptions& options, SaleProducerSummary* summary) {
  *summary = {};
  GeneratedMessage message;
  const SteadyClock::time_point start = SteadyClock::now();
  SteadyClock::time_point next_progress = start;
  Status status;
  int64_t sent = 0;
  // Events are due at start + i / rate; at rate 0 every event is due at once. Between due
  // times the producer polls (serving delivery reports) in slices short enough to notice a stop.
  while ((options.count == 0 || sent < options.count) && !StopRequested()) {
    int64_t due = options.count == 0 ? INT64_MAX : options.count;
    if (options.rate > 0) {
      due = std::min(due, static_cast<int64_t>(std::floor(SecondsSince(start) * options.rate)) + 1);
    }
    if (sent >= due) {
      double wait_s = static_cast<double>(sent) / options.rate - SecondsSince(start);
      auto wait = std::chrono::milliseconds(
          std::clamp<int64_t>(static_cast<int64_t>(wait_s * 1000), 1, 100));
      producer.Poll(wait);
    } else {
      // Send what is due, in slices of 1024 between progress updates.
      int64_t batch = std::min<int64_t>(due - sent, 1024);
      for (int64_t i = 0; i < batch && !StopRequested(); ++i) {
        generator.Next(&message);
        status = producer.Send(message.key, message.payload);
        if (!status.ok()) break;
        ++sent;
        if (options.on_sent) options.on_sent(message);
      }
      if (!status.ok()) break;
      producer.Poll(std::chrono::milliseconds(0));
    }
    if (options.progress != nullptr && SteadyClock::now() >= next_progress) {
      ShowProgress(*options.progress, producer, start);
      next_progress = SteadyClock::now() + std::chrono::milliseconds(500);
    }
  }
  summary->stopped = StopRequested();
  Status flushed = producer.Flush(options.flush_timeout);
  if (options.progress != nullptr) {
    ShowProgress(*options.progress, producer, start);
    *options.progress << "\n";
  }
  DeliveryCounts counts = producer.counts();
  summary->sent = counts.sent;
  summary->delivered = counts.delivered;
  summary->failed = counts.failed;
  summary->seconds = SecondsSince(start);
  summary->next_vente_id = generator.next_vente_id().value();
  if (!status.ok()) return status;
  return flushed;
}

}  // namespace salesflow
