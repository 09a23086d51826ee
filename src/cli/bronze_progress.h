#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "delta/local_storage.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"

namespace salesflow {

// What the bronze table says about a run that feeds it (demo): the largest vente_id ingested
// (so a resumed producer never reuses one) and how many messages of the topic bronze has
// committed (so a producer can pace itself on bronze's lag). Read from the Delta log only:
// add.stats maxima and the per-partition txn versions bronze records.
class BronzeProgress {
 public:
  BronzeProgress(std::filesystem::path table_dir, std::string topic);

  // Reads what is new in the log (the whole table the first time). A table that does not
  // exist yet is not an error: exists() stays false.
  Status Refresh();

  // True once the table was read.
  bool exists() const { return snapshot_.has_value(); }
  // The table version read, -1 when there is no table.
  int64_t version() const { return snapshot_ ? snapshot_->version().value() : -1; }
  // The largest vente_id among the active files (add.stats maxValues), nullopt when none.
  Result<std::optional<int64_t>> MaxVenteId() const;
  // The table's Kafka epoch (salesflow.bronze.kafkaEpoch; 0 when absent or no table).
  int64_t kafka_epoch() const;
  // True when bronze started with --new-cluster will switch app-ids: some offset is stored
  // under the table's current app-id.
  bool HasStoredOffsets() const;
  // Messages of partitions 0..partitions-1 committed under the current app-id: the sum of
  // (txn version + 1), 0 for a partition without one.
  int64_t Ingested(int partitions) const;

 private:
  std::string AppId() const;

  std::string topic_;
  delta::LocalStorage storage_;
  delta::ParquetCheckpointReader checkpoint_reader_;
  std::optional<delta::Snapshot> snapshot_;
};

}  // namespace salesflow
