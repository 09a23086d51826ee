#pragma once

#include <cstdint>

#include "base/clock.h"
#include "base/result.h"
#include "delta/checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "parquet/writer.h"

namespace salesflow::delta {

// delta.checkpointInterval when a table does not set it (Spark's default).
inline constexpr int64_t kDefaultCheckpointInterval = 10;
// The interval salesflow sets on tables it streams into (bronze, silver, gold).
inline constexpr int64_t kStreamingCheckpointInterval = 100;

// How checkpoints are written.
struct CheckpointWriterOptions {
  // Parquet settings of the checkpoint file (Spark writes snappy).
  parquet::WriterOptions parquet{.codec = parquet::CompressionCodec::kSnappy};
  // Source of "now" for expiring tombstones (nullptr = SystemClock).
  const Clock* clock = nullptr;
};

// What a written checkpoint holds (also what _last_checkpoint says).
struct CheckpointStats {
  TableVersion version;       // the version checkpointed
  int64_t num_actions = 0;    // rows (actions) in the file
  int64_t size_in_bytes = 0;  // bytes of the file
  int64_t num_add_files = 0;  // add actions
};

// Writes a classic single-file Parquet checkpoint of `snapshot`
// (_delta_log/<version>.checkpoint.parquet) with the columns Spark writes — txn, add (with
// partitionValues map, stats string, tags), remove, metaData (format, schemaString,
// partitionColumns, configuration, createdTime), protocol (readerFeatures/writerFeatures when
// present), domainMetadata, commitInfo (always null) — then _last_checkpoint. Both go through
// a temporary file and rename, so a crash at any step leaves either no checkpoint or a complete
// one (a stale _last_checkpoint only makes readers list more). Tombstones older than
// delta.deletedFileRetentionDuration (default 1 week) are left out.
Result<CheckpointStats> WriteCheckpoint(Storage& storage, const Snapshot& snapshot,
                                        const CheckpointWriterOptions& options = {});

// delta.checkpointInterval of the table (kDefaultCheckpointInterval when unset or invalid).
int64_t CheckpointInterval(const Snapshot& snapshot);

// For a background thread after commits: loads the latest snapshot (through `reader`) and
// writes its checkpoint when its version is a multiple of the interval, or when more than one
// interval of commits has passed since the latest checkpoint (a skipped multiple). Returns
// whether it wrote one. Never called on the commit path: a slow checkpoint never delays a
// commit, and a failed one only costs readers some replay.
Result<bool> MaybeCheckpoint(Storage& storage, CheckpointReader& reader,
                             const CheckpointWriterOptions& options = {});

}  // namespace salesflow::delta
