#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/checkpoint_writer.h"
#include "delta/local_storage.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/table_scan.h"
#include "parquet/column_batch.h"
#include "pipeline/checkpoint_worker.h"
#include "pipeline/table_maintainer.h"
#include "pipeline/table_maintenance.h"

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

// How an output table is written and kept small.
struct SilverTableOptions {
  bool sync = true;              // fsync data and log files
  const Clock* clock = nullptr;  // commit timestamps and maintenance "now" (nullptr = system)
  TableRetention retention;      // properties of a new table; vacuum and log cleanup
  // delta.checkpointInterval of a new table (maintenance follows each checkpoint).
  int64_t checkpoint_interval = delta::kStreamingCheckpointInterval;
  MaintenanceObserver on_maintenance;  // each maintenance pass's outcome; may be empty
};

// One table silver writes (the silver table or a gold table): where it stands (bronze version
// and bronze table id of its last commit) and its commits, which replace whole partitions and
// are fenced on the txn version this process last saw, so a second writer fails with Conflict.
class SilverOutputTable {
 public:
  // Opens the table at `dir`, creating it (layout, checkpoint interval, retention properties)
  // when missing.
  static Result<std::unique_ptr<SilverOutputTable>> Open(const std::string& dir,
                                                         SilverTableLayout layout,
                                                         SilverTableOptions options);
  ~SilverOutputTable();
  SilverOutputTable(const SilverOutputTable&) = delete;
  SilverOutputTable& operator=(const SilverOutputTable&) = delete;

  const std::string& name() const { return layout_.name; }
  // The bronze version folded into the table; nullopt when silver never committed to it.
  std::optional<int64_t> bronze_version() const;
  // The bronze table its version refers to ("" when none).
  std::string bronze_table_id() const;
  // Why the table's schema is not the layout's (a table written before a column was added),
  // or "" when it is. Silver rebuilds such a table; its replace-all commit writes the layout's
  // schema.
  std::string SchemaMismatch() const;
  // Bytes of the table's active files.
  int64_t total_bytes() const { return snapshot_.total_bytes(); }

  // A scan of every row (restoring the state at start).
  Result<std::unique_ptr<delta::TableScan>> ScanAll();

  // Commits `batch` (all table columns): the partitions it has rows for replace the active
  // files of those partitions (every active file when `replace_all`), and the txn records
  // bronze version `version` of bronze table `bronze_id`. An empty batch commits only the
  // txn. A table whose schema is not the layout's takes the layout's schema in that commit,
  // which must then be `replace_all` unless the table has no rows. Returns the bytes of data
  // files written.
  Result<int64_t> Commit(const parquet::ColumnBatch& batch, bool replace_all, int64_t version,
                         const std::string& bronze_id);

 private:
  SilverOutputTable(const std::string& dir, SilverTableLayout layout, SilverTableOptions options);
  Status Load();
  Status Create();

  SilverTableLayout layout_;
  SilverTableOptions options_;
  delta::LocalStorage storage_;
  delta::LocalStorage checkpoint_storage_;  // the checkpoint thread's own
  delta::Snapshot snapshot_;
  std::unique_ptr<TableMaintainer> maintainer_;    // vacuum + log cleanup after each checkpoint
  std::unique_ptr<CheckpointWorker> checkpoints_;  // declared last: stopped before maintainer_
};

}  // namespace salesflow::pipeline
