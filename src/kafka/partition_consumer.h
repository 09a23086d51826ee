#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kafka/client_config.h"
#include "kafka/consumer.h"
#include "kafka/consumer_client.h"

namespace salesflow {

// Where and how a PartitionConsumer reads.
struct PartitionConsumerOptions {
  std::string brokers;                     // bootstrap.servers
  std::string topic = "ventes_stream";     // topic to read
  std::vector<ClientProperty> properties;  // user pass-through properties; they win over ours
};

// A plain consumer without a group: it reads the partitions it is told, from the offsets it is
// told, and commits nothing. For tests, tools and single-owner readers.
class PartitionConsumer final : public Consumer {
 public:
  // Creates the client; nothing is read before Assign.
  static Result<std::unique_ptr<PartitionConsumer>> Create(PartitionConsumerOptions options);

  // Reads exactly these partitions from these offsets (an offset or kOffsetBeginning/End),
  // replacing any earlier assignment.
  Status Assign(const std::vector<PartitionOffset>& positions);

  Result<std::optional<Message>> Poll(std::chrono::milliseconds timeout) override;
  Result<Watermarks> QueryWatermarks(Partition partition,
                                     std::chrono::milliseconds timeout) override;
  Result<int> PartitionCount(std::chrono::milliseconds timeout) override;
  const std::string& topic() const override { return client_.topic(); }

 private:
  explicit PartitionConsumer(ConsumerClient client) : client_(std::move(client)) {}
  ConsumerClient client_;
};

}  // namespace salesflow
