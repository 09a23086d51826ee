#pragma once

#include <cstdint>
#include <string>

#include "base/strong_int.h"

namespace salesflow {

struct PartitionTag {};
struct OffsetTag {};

// A Kafka partition number within a topic (0-based).
using Partition = StrongInt<PartitionTag, int32_t>;
// A Kafka offset: the position of a message within its partition.
using Offset = StrongInt<OffsetTag, int64_t>;

// librdkafka's logical offsets, for start positions.
inline constexpr Offset kOffsetBeginning{-2};   // RD_KAFKA_OFFSET_BEGINNING
inline constexpr Offset kOffsetEnd{-1};         // RD_KAFKA_OFFSET_END
inline constexpr Offset kOffsetStored{-1000};   // RD_KAFKA_OFFSET_STORED: the group's commit
inline constexpr Offset kOffsetInvalid{-1001};  // RD_KAFKA_OFFSET_INVALID: "not set"

// One partition of a topic with a position in it (a start offset, a commit, a watermark).
struct PartitionOffset {
  Partition partition;  // partition number
  Offset offset;        // offset in that partition (or a logical kOffset* value)
  friend bool operator==(const PartitionOffset&, const PartitionOffset&) = default;
};

// The range of offsets a partition holds: [low, high); high is the next offset to be written.
struct Watermarks {
  Offset low;   // oldest offset still kept by the broker
  Offset high;  // offset the next produced message will get
};

}  // namespace salesflow
