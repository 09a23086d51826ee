#include "pipeline/bronze_ingester.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "base/civil_time.h"
#include "base/shutdown.h"

namespace salesflow::pipeline {
namespace {

constexpr int64_t kMicrosPerDay = int64_t{86'400} * 1'000'000;

// Errors after which re-reading from the tables with a new consumer may succeed.
bool Retryable(const Status& status) {
  switch (status.code()) {
    case StatusCode::kConflict:
    case StatusCode::kUnavailable:
    case StatusCode::kIoError:
    case StatusCode::kNotFound:  // topic missing: it may be created
    case StatusCode::kAlreadyExists:
    case StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

}  // namespace

BronzeIngester::BronzeIngester(BronzeCommitter& committer, BronzeIngesterOptions options)
    : committer_(committer),
      options_(std::move(options)),
      clock_(committer.clock()),
      decoder_(SaleDecoderOptions{.time_zone = options_.time_zone}) {}

Result<std::map<int32_t, int64_t>> BronzeIngester::Assign(const std::vector<int32_t>& partitions) {
  SF_ASSIGN_OR_RETURN(auto stored, committer_.Track(partitions));
  std::map<int32_t, int64_t> start;
  for (int32_t p : partitions) {
    const StoredPosition& position = stored[p];
    PartitionState state;
    state.quarantine = position.quarantine;
    int64_t next = position.bronze ? *position.bronze + 1 : 0;
    if (consumer_ != nullptr) {
      SF_ASSIGN_OR_RETURN(Watermarks marks,
                          consumer_->QueryWatermarks(Partition(p), options_.broker_timeout));
      const int64_t low = marks.low.value();
      const int64_t high = marks.high.value();
      if (position.bronze && next < low) {
        if (options_.metrics != nullptr) options_.metrics->out_of_range.Increment();
        return OutOfRange(fmt::format(
            "partition {}: the next offset to ingest, {} (stored in the bronze table as {}), is "
            "no longer in Kafka (oldest offset kept: {}); offsets {}..{} are lost to retention. "
            "Not skipping them silently: to accept the loss, record the position with "
            "--seek-offsets {}:{} on a new app-id (--new-cluster --app-id ...)",
            p, next, committer_.AppIdOf(p), low, next, low - 1, p, low - 1));
      }
      if (position.bronze && next > high) {
        if (options_.metrics != nullptr) options_.metrics->out_of_range.Increment();
        return OutOfRange(fmt::format(
            "partition {}: the bronze table has ingested up to offset {} but Kafka's partition "
            "ends at {}: the Kafka cluster was recreated empty (e.g. a new embedded broker) or "
            "the topic was deleted and re-created. New messages would be taken for duplicates. "
            "Start with --new-cluster to record the switch in the tables (a new app-id) and read "
            "this cluster from its beginning",
            p, next - 1, high));
      }
      if (options_.until_caught_up) state.end = high;
    }
    state.next = next;
    partitions_[p] = state;
    start[p] = position.bronze ? next : kOffsetBeginning.value();
    spdlog::info("bronze: partition {} assigned: {} (quarantine position {})", p,
                 position.bronze ? fmt::format("resuming at offset {}", next)
                                 : std::string("no stored offset, reading from the earliest"),
                 position.quarantine ? std::to_string(*position.quarantine) : "none");
  }
  return start;
}

Status BronzeIngester::Revoke(const std::vector<int32_t>& partitions, bool commit) {
  Status status;
  if (commit) {
    status = Flush();
  }
  if (!commit || !status.ok()) {
    // The buffer mixes partitions; dropping it means every partition re-reads from the tables.
    if (!buffer_.empty()) DropAll();
  }
  committer_.Untrack(partitions);
  for (int32_t p : partitions) partitions_.erase(p);
  return status;
}

Status BronzeIngester::Process(const KafkaRecord& record) {
  auto it = partitions_.find(record.partition);
  if (it == partitions_.end()) {
    spdlog::debug("bronze: message of unowned partition {} ignored", record.partition);
    return Status::Ok();
  }
  PartitionState& state = it->second;
  ++totals_.consumed;
  if (options_.metrics != nullptr) options_.metrics->consumed.Increment();
  if (record.offset < state.next) {
    // Delivered again (a rebuilt consumer, a seek): already committed or buffered.
    ++totals_.skipped;
    if (options_.metrics != nullptr) options_.metrics->skipped.Increment();
    return Status::Ok();
  }
  const int64_t now = clock_.NowMicros();
  Status decoded = decoder_.Decode(record.payload, &sale_, &rejection_);
  if (decoded.ok()) {
    int64_t local = options_.time_zone.UtcToLocalMicros(sale_.timestamp.utc_micros);
    int64_t day =
        local >= 0 ? local / kMicrosPerDay : -((-local + kMicrosPerDay - 1) / kMicrosPerDay);
    buffer_.AddSale(sale_, record, static_cast<int32_t>(day), now);
  } else if (state.quarantine && record.offset <= *state.quarantine) {
    // Quarantined by a commit whose bronze twin did not land (crash in between): skip it.
    ++totals_.skipped;
    if (options_.metrics != nullptr) options_.metrics->skipped.Increment();
  } else {
    buffer_.AddReject(record, rejection_, now);
  }
  buffer_.Cover(record, now);
  state.next = record.offset + 1;
  return Status::Ok();
}

Status BronzeIngester::MaybeFlush() {
  if (!options_.flush.Due(buffer_, clock_.NowMicros())) return Status::Ok();
  return Flush();
}

Status BronzeIngester::Flush() {
  if (buffer_.empty()) return Status::Ok();
  auto started = std::chrono::steady_clock::now();
  Result<FlushResult> flushed = committer_.Commit(buffer_);
  if (!flushed.ok()) {
    if (options_.metrics != nullptr) options_.metrics->conflicts.Increment();
    return flushed.status().WithContext(fmt::format("committing {} messages ({} rows, {} rejects)",
                                                    buffer_.messages(), buffer_.rows(),
                                                    buffer_.rejects()));
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  totals_.written += flushed->rows;
  totals_.quarantined += flushed->rejects;
  ++totals_.flushes;
  totals_.last_version = flushed->bronze_version;
  if (options_.metrics != nullptr) {
    options_.metrics->written.Increment(static_cast<double>(flushed->rows));
    options_.metrics->quarantined.Increment(static_cast<double>(flushed->rejects));
    options_.metrics->commits.Increment();
    options_.metrics->commit_retries.Increment(static_cast<double>(flushed->attempts - 1));
    options_.metrics->commit_seconds.Observe(seconds);
    options_.metrics->last_version.Set(static_cast<double>(flushed->bronze_version.value()));
  }
  spdlog::debug("bronze: version {}: {} rows, {} rejects, {} files in {:.3f} s",
                flushed->bronze_version, flushed->rows, flushed->rejects, flushed->files, seconds);
  buffer_.Clear();
  if (options_.checkpoints != nullptr) options_.checkpoints->Notify();
  if (options_.quarantine_checkpoints != nullptr && flushed->quarantine_version) {
    options_.quarantine_checkpoints->Notify();
  }
  if (options_.compactor != nullptr) options_.compactor->Notify();
  return Status::Ok();
}

void BronzeIngester::DropAll() {
  if (!buffer_.empty()) {
    spdlog::warn("bronze: dropping {} uncommitted messages; they are read again from Kafka",
                 buffer_.messages());
  }
  buffer_.Clear();
  partitions_.clear();
  committer_.UntrackAll();
}

bool BronzeIngester::CaughtUp() const {
  if (partitions_.empty()) return false;
  for (const auto& [p, state] : partitions_) {
    if (!state.end || state.next < *state.end) return false;
  }
  return true;
}

Status BronzeIngester::OnAssigned(std::vector<PartitionOffset>& partitions) {
  std::vector<int32_t> ids;
  for (const PartitionOffset& p : partitions) ids.push_back(p.partition.value());
  SF_ASSIGN_OR_RETURN(auto start, Assign(ids));
  for (PartitionOffset& p : partitions) p.offset = Offset(start[p.partition.value()]);
  return Status::Ok();
}

Status BronzeIngester::OnRevoked(const std::vector<PartitionOffset>& partitions, bool lost) {
  std::vector<int32_t> ids;
  for (const PartitionOffset& p : partitions) ids.push_back(p.partition.value());
  if (dropping_) return Revoke(ids, /*commit=*/false);
  if (lost) {
    // Another member may own them already; the commit is fenced by the txn versions we saw,
    // so trying is safe and saves re-reading when nobody committed yet.
    spdlog::warn("bronze: partitions {} lost (session timeout?): committing fenced",
                 fmt::join(ids, ","));
  }
  return Revoke(ids, /*commit=*/true);
}

void BronzeIngester::ReportStatus(Consumer& consumer, bool force) {
  const int64_t now = clock_.NowMicros();
  const int64_t interval = std::chrono::microseconds(options_.status_interval).count();
  if (!force && now - last_status_micros_ < interval) return;
  if (options_.metrics == nullptr && !options_.status_sink) return;
  double seconds = last_status_micros_ == 0 ? 0 : (now - last_status_micros_) / 1e6;
  double rate =
      seconds > 0 ? static_cast<double>(totals_.consumed - last_status_consumed_) / seconds : 0;
  last_status_micros_ = now;
  last_status_consumed_ = totals_.consumed;
  const int64_t lag_interval = std::chrono::microseconds(options_.lag_interval).count();
  if (options_.query_lag && (force || now - last_lag_micros_ >= lag_interval)) {
    lags_.clear();
    for (const auto& [p, state] : partitions_) {
      Result<Watermarks> marks =
          consumer.QueryWatermarks(Partition(p), std::chrono::milliseconds(500));
      if (!marks.ok()) continue;
      int64_t lag = std::max<int64_t>(0, marks->high.value() - state.next);
      if (options_.metrics != nullptr) options_.metrics->SetLag(p, lag);
      lags_ += fmt::format("{}{}:{}", lags_.empty() ? "" : " ", p, lag);
    }
    // From the end of the queries: slow answers must not make every iteration query again.
    last_lag_micros_ = clock_.NowMicros();
  }
  if (options_.status_sink) {
    options_.status_sink(fmt::format(
        "bronze: {:.0f} events/s | lag {} | version {} | written {} quarantined {}", rate,
        lags_.empty() ? "-" : lags_, totals_.last_version, totals_.written, totals_.quarantined));
  }
}

Status BronzeIngester::Loop(Consumer& consumer) {
  int64_t broker_errors_logged = 0;
  while (true) {
    if (StopRequested()) return Flush();
    Result<std::optional<Message>> polled = consumer.Poll(options_.poll_timeout);
    if (!polled.ok()) {
      if (polled.status().code() != StatusCode::kUnavailable) return polled.status();
      // librdkafka reconnects by itself; keep polling (and flushing what is buffered).
      if (options_.metrics != nullptr) options_.metrics->broker_errors.Increment();
      if (broker_errors_logged++ % 50 == 0) {
        spdlog::warn("bronze: broker trouble, retrying: {}", polled.status().ToString());
      }
    } else if (polled->has_value()) {
      const Message& m = **polled;
      KafkaRecord record{.topic = m.topic(),
                         .partition = m.partition().value(),
                         .offset = m.offset().value(),
                         .key = m.key(),
                         .payload = m.payload(),
                         .timestamp_ms = m.timestamp_millis()};
      SF_RETURN_IF_ERROR(Process(record));
    }
    SF_RETURN_IF_ERROR(MaybeFlush());
    if (options_.until_caught_up && CaughtUp()) {
      SF_RETURN_IF_ERROR(Flush());
      spdlog::info("bronze: caught up with the end offsets seen at assignment");
      return Status::Ok();
    }
    ReportStatus(consumer, false);
  }
}

Status BronzeIngester::Run(const ConsumerFactory& factory) {
  auto backoff = std::chrono::milliseconds(100);
  while (true) {
    if (StopRequested()) return Flush();
    Result<std::unique_ptr<Consumer>> made = factory(this);
    Status status;
    if (made.ok()) {
      std::unique_ptr<Consumer> consumer = std::move(made).value();
      consumer_ = consumer.get();
      status = Loop(*consumer);
      if (status.ok()) {
        // Clean end: the buffer is committed; leaving the group revokes (nothing left).
        consumer.reset();
        consumer_ = nullptr;
        return Flush();
      }
      dropping_ = true;  // revokes while tearing down must not commit
      DropAll();
      consumer.reset();
      consumer_ = nullptr;
      dropping_ = false;
    } else {
      status = made.status();
    }
    if (!Retryable(status)) return status;
    ++totals_.restarts;
    if (options_.metrics != nullptr) options_.metrics->restarts.Increment();
    spdlog::warn("bronze: {}; re-reading positions from the tables and reconnecting in {} ms",
                 status.ToString(), backoff.count());
    if (WaitForStop(backoff)) return Status::Ok();
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace salesflow::pipeline
