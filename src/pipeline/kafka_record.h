#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace salesflow::pipeline {

// One Kafka message as bronze sees it: a view (the bytes stay owned by the consumer's
// message), so the writer core can be driven by tests without a broker.
struct KafkaRecord {
  std::string_view topic;               // topic it was read from
  int32_t partition = 0;                // Kafka partition
  int64_t offset = 0;                   // offset in that partition
  std::string_view key;                 // key bytes ("" when none)
  std::string_view payload;             // value bytes
  std::optional<int64_t> timestamp_ms;  // Kafka timestamp (CreateTime), when present
};

}  // namespace salesflow::pipeline
