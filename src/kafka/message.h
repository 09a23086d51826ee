#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kafka/rdkafka_handles.h"
#include "kafka/topic_partition.h"

namespace salesflow {

// One consumed Kafka message; owns librdkafka's buffer (move-only). Its identity downstream
// is (topic, partition, offset).
class Message {
 public:
  explicit Message(MessageHandle handle) : handle_(std::move(handle)) {}

  // Topic the message was read from.
  std::string_view topic() const { return rd_kafka_topic_name(handle_->rkt); }
  // Partition it was read from.
  Partition partition() const { return Partition(handle_->partition); }
  // Its offset in that partition.
  Offset offset() const { return Offset(handle_->offset); }
  // Key bytes ("" when the message has none).
  std::string_view key() const {
    return handle_->key == nullptr
               ? std::string_view()
               : std::string_view(static_cast<const char*>(handle_->key), handle_->key_len);
  }
  // Payload bytes ("" for an empty or null value).
  std::string_view payload() const {
    return handle_->payload == nullptr
               ? std::string_view()
               : std::string_view(static_cast<const char*>(handle_->payload), handle_->len);
  }
  // Kafka timestamp in ms since the epoch (CreateTime or LogAppendTime), when the broker has one.
  std::optional<int64_t> timestamp_millis() const {
    rd_kafka_timestamp_type_t type;
    int64_t ts = rd_kafka_message_timestamp(handle_.get(), &type);
    if (type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || ts < 0) return std::nullopt;
    return ts;
  }
  // True when the timestamp is the broker's LogAppendTime rather than the producer's CreateTime.
  bool log_append_time() const {
    rd_kafka_timestamp_type_t type;
    rd_kafka_message_timestamp(handle_.get(), &type);
    return type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME;
  }

 private:
  MessageHandle handle_;
};

}  // namespace salesflow
