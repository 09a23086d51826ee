#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/result.h"
#include "kafka/message.h"
#include "kafka/topic_partition.h"

namespace salesflow {

// The seam between Kafka and whoever reads it (tests, bronze): an interface so tests can inject
// broker faults (Unavailable, OutOfRange, rebalances) without a broker.
class Consumer {
 public:
  virtual ~Consumer() = default;

  // Waits up to `timeout` for the next message; nullopt when none came. Errors: Unavailable
  // (broker unreachable; retry), OutOfRange (the requested offset is no longer in Kafka),
  // NotFound (topic or partition missing), Conflict (group membership lost).
  virtual Result<std::optional<Message>> Poll(std::chrono::milliseconds timeout) = 0;
  // Asks the partition leader for [low, high) of `partition`.
  virtual Result<Watermarks> QueryWatermarks(Partition partition,
                                             std::chrono::milliseconds timeout) = 0;
  // Number of partitions of the topic, from the broker's metadata.
  virtual Result<int> PartitionCount(std::chrono::milliseconds timeout) = 0;
  // The topic read.
  virtual const std::string& topic() const = 0;
};

}  // namespace salesflow
