#pragma once

#include <vector>

#include "base/result.h"
#include "delta/action.h"
#include "delta/log_files.h"
#include "delta/storage.h"

namespace salesflow::delta {

// Reads the actions of a checkpoint (classic, multi-part or V2 with sidecars). The Parquet
// implementation lives beside the Parquet codec; log replay only needs this seam, so a table
// can be loaded from its JSON commits alone when no reader is given.
class CheckpointReader {
 public:
  virtual ~CheckpointReader() = default;
  // Every action of the checkpoint: protocol, metaData, txn, add, remove, domainMetadata.
  virtual Result<std::vector<Action>> Read(Storage& storage,
                                           const CheckpointInstance& checkpoint) = 0;
};

}  // namespace salesflow::delta
