#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "base/result.h"
#include "base/time_zone.h"
#include "event/sale_decoder.h"
#include "kafka/consumer.h"
#include "kafka/group_consumer.h"
#include "pipeline/bronze_committer.h"
#include "pipeline/bronze_compactor.h"
#include "pipeline/bronze_metrics.h"
#include "pipeline/checkpoint_worker.h"
#include "pipeline/flush_policy.h"
#include "pipeline/ingest_buffer.h"
#include "pipeline/kafka_record.h"

namespace salesflow::pipeline {

// How the ingestion loop runs.
struct BronzeIngesterOptions {
  FlushPolicy flush;             // when to commit
  TimeZone time_zone;            // naive timestamps and date_vente
  bool until_caught_up = false;  // stop once assigned partitions reach their end at assignment
  std::chrono::milliseconds poll_timeout{50};        // one Poll; bounds idle flush delay
  std::chrono::milliseconds broker_timeout{10'000};  // watermark queries
  std::chrono::milliseconds max_backoff{10'000};     // between consumer rebuilds
  std::chrono::milliseconds status_interval{1'000};  // status line refresh
  // Lag (watermark queries, one broker round trip per partition that blocks this loop, and
  // queues behind in-flight fetches: up to fetch.wait.max.ms each) is refreshed at most this
  // often, and only when someone looks at it (query_lag).
  std::chrono::milliseconds lag_interval{10'000};
  bool query_lag = false;                              // the lag metric or the status line is shown
  BronzeMetrics* metrics = nullptr;                    // may be null
  CheckpointWorker* checkpoints = nullptr;             // told after each bronze commit; may be null
  CheckpointWorker* quarantine_checkpoints = nullptr;  // told after each quarantine commit
  BronzeCompactor* compactor = nullptr;                // told after each bronze commit; may be null
  // Called with a one-line status every status_interval (terminal status line); may be empty.
  std::function<void(const std::string&)> status_sink;
};

// Creates the consumer the loop reads from, wired to `listener` for assignments.
using ConsumerFactory =
    std::function<Result<std::unique_ptr<Consumer>>(RebalanceListener* listener)>;

// What the loop did so far.
struct IngestTotals {
  int64_t consumed = 0;                                  // messages read
  int64_t written = 0;                                   // bronze rows committed
  int64_t quarantined = 0;                               // quarantine rows committed
  int64_t skipped = 0;                                   // re-read messages already in a table
  int64_t flushes = 0;                                   // bronze commits
  int64_t restarts = 0;                                  // consumer rebuilds
  delta::TableVersion last_version = delta::kNoVersion;  // last bronze version committed
};

// The bronze job: reads Kafka, decodes, buffers, commits through a BronzeCommitter by the
// flush policy, and keeps the per-partition positions (docs/DESIGN.md "Bronze and the
// exactly-once scheme"). The core (Assign/Process/Flush/Revoke) needs no broker, so tests
// drive it directly; Run wires it to a consumer and recovers from broker and commit errors.
class BronzeIngester final : public RebalanceListener {
 public:
  BronzeIngester(BronzeCommitter& committer, BronzeIngesterOptions options);

  // Runs until a stop is requested (base/shutdown.h) or, with until_caught_up, the assigned
  // partitions are caught up; then commits what is buffered and leaves the group. Broker
  // trouble and commit conflicts rebuild the consumer with backoff; lost data (out-of-range
  // offsets) and unusable tables end it with the error.
  Status Run(const ConsumerFactory& factory);

  // Starts owning `partitions`: returns the offset to read each from (stored + 1, or
  // kOffsetBeginning when none is stored).
  Result<std::map<int32_t, int64_t>> Assign(const std::vector<int32_t>& partitions);
  // Stops owning `partitions` after committing the buffer (commit=true) or dropping it.
  Status Revoke(const std::vector<int32_t>& partitions, bool commit);
  // Handles one message of an owned partition.
  Status Process(const KafkaRecord& record);
  // Commits when the flush policy says so.
  Status MaybeFlush();
  // Commits what is buffered (nothing when empty). On error the buffer is kept: the caller
  // drops it (DropAll) and re-reads from the tables.
  Status Flush();
  // Forgets the buffer and every partition (before re-reading from the tables).
  void DropAll();

  // True when every owned partition reached its end offset at assignment and at least one is
  // owned (for until_caught_up).
  bool CaughtUp() const;
  const IngestTotals& totals() const { return totals_; }
  const IngestBuffer& buffer() const { return buffer_; }

  // RebalanceListener: seek to the stored positions; commit before a revoke completes.
  Status OnAssigned(std::vector<PartitionOffset>& partitions) override;
  Status OnRevoked(const std::vector<PartitionOffset>& partitions, bool lost) override;

 private:
  // What the loop knows of one owned partition.
  struct PartitionState {
    int64_t next = 0;                   // offsets below are committed or buffered
    std::optional<int64_t> quarantine;  // rejects at or below are already quarantined
    std::optional<int64_t> end;         // until_caught_up target (high watermark)
  };

  Status Loop(Consumer& consumer);
  void ReportStatus(Consumer& consumer, bool force);

  BronzeCommitter& committer_;
  BronzeIngesterOptions options_;
  const Clock& clock_;
  SaleDecoder decoder_;
  Sale sale_;
  Rejection rejection_;
  IngestBuffer buffer_;
  std::map<int32_t, PartitionState> partitions_;
  IngestTotals totals_;
  Consumer* consumer_ = nullptr;  // during Run: for watermark checks at assignment
  bool dropping_ = false;         // tearing the consumer down after an error: revokes drop
  int64_t last_status_micros_ = 0;
  int64_t last_lag_micros_ = 0;  // when the last lag refresh ended
  std::string lags_;             // the last lag refresh, for the status line
  int64_t last_status_consumed_ = 0;
};

}  // namespace salesflow::pipeline
