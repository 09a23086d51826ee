#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "event/rejection.h"
#include "event/sale.h"
#include "parquet/column_batch.h"
#include "pipeline/kafka_record.h"

namespace salesflow::pipeline {

// The offsets of one Kafka partition a flush covers: everything consumed in [first, last].
struct OffsetRun {
  int64_t first = 0;  // first offset consumed since the last commit
  int64_t last = 0;   // last offset consumed
};

// What bronze has consumed since its last commit: valid rows as column batches (one per
// date_vente, in the bronze file schema), rejected rows as one quarantine batch, and the run of
// offsets per Kafka partition. Batches are reused across flushes (Clear keeps capacity), so
// the steady state allocates nothing per row.
class IngestBuffer {
 public:
  IngestBuffer();

  // Appends a decoded sale read from `record`; `date_vente` is days since the epoch in the
  // configured zone.
  void AddSale(const Sale& sale, const KafkaRecord& record, int32_t date_vente,
               int64_t ingested_at_micros);
  // Appends a rejected message to the quarantine batch.
  void AddReject(const KafkaRecord& record, const Rejection& rejection, int64_t rejected_at_micros);
  // Records that `record` was consumed (every message, also the skipped ones), so its offset
  // joins its partition's run; `now_micros` dates the oldest buffered message.
  void Cover(const KafkaRecord& record, int64_t now_micros);

  // Forgets everything (after a commit, or to drop the buffer).
  void Clear();

  // True when no offset is covered.
  bool empty() const { return runs_.empty(); }
  // Messages covered (rows, rejects and skipped ones).
  int64_t messages() const { return messages_; }
  // Valid rows buffered.
  int64_t rows() const { return rows_; }
  // Rejected rows buffered.
  int64_t rejects() const { return quarantine_.num_rows; }
  // Payload bytes covered.
  int64_t bytes() const { return bytes_; }
  // When the oldest covered message was consumed, nullopt when empty.
  std::optional<int64_t> oldest_micros() const { return oldest_micros_; }
  // Runs by Kafka partition.
  const std::map<int32_t, OffsetRun>& runs() const { return runs_; }
  // Valid rows by date_vente (days since the epoch); batches with zero rows may be present.
  const std::map<int32_t, parquet::ColumnBatch>& days() const { return days_; }
  // Rejected rows (quarantine file schema).
  const parquet::ColumnBatch& quarantine() const { return quarantine_; }

 private:
  parquet::ColumnBatch& DayBatch(int32_t day);

  std::map<int32_t, parquet::ColumnBatch> days_;
  parquet::ColumnBatch quarantine_;
  std::map<int32_t, OffsetRun> runs_;
  int64_t messages_ = 0;
  int64_t rows_ = 0;
  int64_t bytes_ = 0;
  std::optional<int64_t> oldest_micros_;
  std::string scratch_;  // reused text buffer (timestamps, base64)
};

}  // namespace salesflow::pipeline
