#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "delta/action.h"
#include "delta/checkpoint_reader.h"
#include "parquet/column_batch.h"

namespace salesflow::delta {

// Reads checkpoints with our Parquet codec: classic single-file and multi-part checkpoints
// (all parts, in order), and V2 checkpoints whose top-level file is JSON or Parquet, with the
// add/remove actions of the sidecar files it names (_delta_log/_sidecars/<name>). Columns
// another writer added (stats_parsed, partitionValues_parsed, ...) are ignored; missing
// columns read as null, as the protocol says.
class ParquetCheckpointReader final : public CheckpointReader {
 public:
  Result<std::vector<Action>> Read(Storage& storage, const CheckpointInstance& checkpoint) override;
};

// The actions of one checkpoint-shaped Parquet file (checkpoint part or sidecar), in row order.
// sidecar and checkpointMetadata rows come back as OtherAction with their JSON.
Result<std::vector<Action>> ReadCheckpointParquet(Storage& storage, const std::string& path);

// Decodes the rows of a batch read from a checkpoint-shaped file into actions.
Result<std::vector<Action>> CheckpointBatchToActions(const parquet::ColumnBatch& batch);

}  // namespace salesflow::delta
