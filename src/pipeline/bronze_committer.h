#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "delta/table_version.h"
#include "parquet/compression.h"
#include "pipeline/ingest_buffer.h"

namespace salesflow::pipeline {

// How the bronze and quarantine tables are opened and written.
struct BronzeCommitterOptions {
  std::string topic = "ventes_stream";  // Kafka topic (part of every txn appId)
  // --app-id: the appId prefix. Unset: the tables' property (kDefaultAppId for a new table).
  // Given and different from the tables' property: refused unless new_cluster.
  std::optional<std::string> app_id;
  // --new-cluster: when positions are stored for the current app-id, switch to a new app-id
  // (<base>.<epoch+1>, or the given app_id) in a commit of its own on each table.
  bool new_cluster = false;
  parquet::CompressionCodec codec = parquet::CompressionCodec::kZstd;  // data file codec
  const Clock* clock = nullptr;  // commit timestamps and ingested_at (nullptr = system)
};

// A Kafka partition's stored positions: the txn versions of its appId in each table.
struct StoredPosition {
  std::optional<int64_t> bronze;      // last offset committed to bronze (resume after it)
  std::optional<int64_t> quarantine;  // last offset whose rejects are in quarantine
};

// What one flush committed.
struct FlushResult {
  int64_t rows = 0;                                        // rows added to bronze
  int64_t rejects = 0;                                     // rows added to quarantine
  int64_t files = 0;                                       // data files written (both tables)
  delta::TableVersion bronze_version = delta::kNoVersion;  // bronze version written
  std::optional<delta::TableVersion> quarantine_version;   // quarantine version, if any
  int attempts = 1;  // commit attempts of the bronze commit (races lost to other writers)
};

// Owns the two Delta tables of bronze and the exactly-once rules of docs/DESIGN.md ("Bronze and
// the exactly-once scheme"): per-partition txn appIds, quarantine committed before bronze,
// and fencing by the txn versions this writer last saw. Single-threaded.
class BronzeCommitter {
 public:
  // Opens (creating when absent) both tables and checks them: refuses
  // delta.setTransactionRetentionDuration and a foreign app-id; applies new_cluster.
  static Result<std::unique_ptr<BronzeCommitter>> Open(delta::Storage& bronze,
                                                       delta::Storage& quarantine,
                                                       BronzeCommitterOptions options);

  // The app-id in force (txn appIds are "<app-id>-<topic>-<partition>").
  const std::string& app_id() const { return app_id_; }
  // The Kafka epoch (number of --new-cluster switches) in force.
  int64_t kafka_epoch() const { return kafka_epoch_; }
  const std::string& topic() const { return options_.topic; }
  // The txn appId of `partition`.
  std::string AppIdOf(int32_t partition) const;

  // Reads the tables' latest commits and starts tracking `partitions`: their stored positions
  // become the versions this writer expects when it commits them (the fence).
  Result<std::map<int32_t, StoredPosition>> Track(const std::vector<int32_t>& partitions);
  // Stops tracking (revoke): a later commit of these partitions is refused.
  void Untrack(const std::vector<int32_t>& partitions);
  // Stops tracking everything (the consumer is rebuilt).
  void UntrackAll() { expected_.clear(); }
  // The position expected for a tracked partition, nullopt when it is not tracked.
  std::optional<StoredPosition> Expected(int32_t partition) const;

  // Writes the buffer's files and commits quarantine, then bronze (see the class comment).
  // Every covered partition must be tracked. Conflict when another writer committed one of
  // them since: nothing of this buffer then becomes visible in bronze (a quarantine commit
  // may have landed; the rules make that harmless). The buffer is left as it is.
  Result<FlushResult> Commit(const IngestBuffer& buffer);

  // --seek-offsets: for each (partition, offset) without a stored position, records `offset`
  // as done in a bronze commit of its own (ingestion starts after it). Positions already stored
  // are kept (logged). Returns the partitions that were set.
  Result<std::vector<int32_t>> SeekOffsets(const std::map<int32_t, int64_t>& offsets);

  // Latest bronze version this writer knows.
  delta::TableVersion bronze_version() const { return bronze_.version(); }
  // Time source.
  const Clock& clock() const { return *clock_; }

 private:
  BronzeCommitter(delta::Storage& bronze_storage, delta::Storage& quarantine_storage,
                  BronzeCommitterOptions options);
  Status OpenTables();
  Status SwitchCluster(const std::string& new_app_id, int64_t new_epoch);

  delta::Storage& bronze_storage_;
  delta::Storage& quarantine_storage_;
  BronzeCommitterOptions options_;
  const Clock* clock_;
  delta::ParquetCheckpointReader checkpoint_reader_;
  delta::Snapshot bronze_;
  delta::Snapshot quarantine_;
  std::string app_id_;
  int64_t kafka_epoch_ = 0;
  std::map<int32_t, StoredPosition> expected_;  // the fence: last seen txn versions
};

// Parses --seek-offsets: "0:100,1:42" or kafka-delta-ingest's JSON '{"0":100,"1":42}'.
Result<std::map<int32_t, int64_t>> ParseSeekOffsets(std::string_view text);

}  // namespace salesflow::pipeline
