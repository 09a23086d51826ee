#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// Contents of _delta_log/_last_checkpoint: a hint to the latest checkpoint.
struct LastCheckpoint {
  TableVersion version;                     // version of the checkpoint
  int64_t size = 0;                         // number of actions in it
  std::optional<int32_t> parts;             // number of parts; absent for single-file ones
  std::optional<int64_t> size_in_bytes;     // total bytes
  std::optional<int64_t> num_of_add_files;  // add actions in it
};

// Parses _last_checkpoint; Corruption when it is not valid JSON or lacks version/size
// (readers then fall back to listing the log, as the protocol allows).
Result<LastCheckpoint> ParseLastCheckpoint(std::string_view text);

// Writes _last_checkpoint as Spark does; "parts" only for multi-part checkpoints.
std::string SerializeLastCheckpoint(const LastCheckpoint& last);

}  // namespace salesflow::delta
