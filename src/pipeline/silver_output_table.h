#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "delta/local_storage.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/table_scan.h"
#include "parquet/column_batch.h"
#include "pipeline/checkpoint_worker.h"

namespace salesflow::pipeline {

// The txn appId silver records in every table it writes: version = last bronze version folded.
inline constexpr const char* kSilverAppId = "salesflow-silver";
// Table property: the bronze metaData.id the txn versions refer to.
inline constexpr const char* kBronzeTableIdProperty = "salesflow.silver.bronzeTableId";

// How one output table is laid out.
struct SilverTableLayout {
  std::string name;                            // for logs and metrics ("ventes_par_minute")
  delta::StructType schema;                    // every column, partition column included
  std::vector<std::string> partition_columns;  // none or one
};

// One table silver writes (the silver table or a gold table): where it stands (bronze version
// and bronze table id of its last commit) and its commits, which replace whole partitions and
// are fenced on the txn version this process last saw, so a second writer fails with Conflict.
class SilverOutputTable {
 public:
  // Opens the table at `dir`, creating it (layout, checkpoint interval 100) when missing.
  static Result<std::unique_ptr<SilverOutputTable>> Open(const std::string& dir,
                                                         SilverTableLayout layout, bool sync);
  ~SilverOutputTable();
  SilverOutputTable(const SilverOutputTable&) = delete;
  SilverOutputTable& operator=(const SilverOutputTable&) = delete;

  const std::string& name() const { return layout_.name; }
  // The bronze version folded into the table; nullopt when silver never committed to it.
  std::optional<int64_t> bronze_version() const;
  // The bronze table its version refers to ("" when none).
  std::string bronze_table_id() const;
  // Bytes of the table's active files.
  int64_t total_bytes() const { return snapshot_.total_bytes(); }

  // A scan of every row (restoring the state at start).
  Result<std::unique_ptr<delta::TableScan>> ScanAll();

  // Commits `batch` (all table columns): the partitions it has rows for replace the active
  // files of those partitions (every active file when `replace_all`), and the txn records
  // bronze version `version` of bronze table `bronze_id`. An empty batch commits only the
  // txn. Returns the bytes of data files written.
  Result<int64_t> Commit(const parquet::ColumnBatch& batch, bool replace_all, int64_t version,
                         const std::string& bronze_id);

 private:
  SilverOutputTable(const std::string& dir, SilverTableLayout layout, bool sync);
  Status Load();
  Status Create();

  SilverTableLayout layout_;
  delta::LocalStorage storage_;
  delta::LocalStorage checkpoint_storage_;  // the checkpoint thread's own
  delta::Snapshot snapshot_;
  std::unique_ptr<CheckpointWorker> checkpoints_;
};

}  // namespace salesflow::pipeline
