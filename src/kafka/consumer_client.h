#pragma once

// librdkafka plumbing shared by PartitionConsumer and GroupConsumer: one rd_kafka_t consumer
// on one topic, with the message, watermark and metadata calls of the Consumer interface.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "kafka/client_config.h"
#include "kafka/message.h"
#include "kafka/rdkafka_handles.h"
#include "kafka/topic_partition.h"

namespace salesflow {

// A librdkafka consumer handle bound to one topic.
class ConsumerClient {
 public:
  ConsumerClient() = default;
  ConsumerClient(ConsumerClient&&) = default;
  ConsumerClient& operator=(ConsumerClient&&) = default;
  // Closes (leaves the group, when in one) and destroys the handle.
  ~ConsumerClient();

  // Creates the handle from a finished configuration (takes it on success).
  static Result<ConsumerClient> Create(ConfHandle conf, std::string topic);

  Result<std::optional<Message>> Poll(std::chrono::milliseconds timeout);
  Result<Watermarks> QueryWatermarks(Partition partition, std::chrono::milliseconds timeout);
  Result<int> PartitionCount(std::chrono::milliseconds timeout);
  // Leaves the group (revoking partitions through the rebalance callback) and stops fetching.
  Status Close();

  rd_kafka_t* get() const { return handle_.get(); }
  const std::string& topic() const { return topic_; }

 private:
  KafkaHandle handle_;
  std::string topic_;
  bool closed_ = false;
};

// A list of (topic, partition, offset) for librdkafka calls.
PartitionListHandle MakePartitionList(const std::string& topic,
                                      const std::vector<PartitionOffset>& positions);
// The entries of `list` for `topic`.
std::vector<PartitionOffset> PartitionsOf(const rd_kafka_topic_partition_list_t* list);

}  // namespace salesflow
