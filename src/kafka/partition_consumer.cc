#include "kafka/partition_consumer.h"

#include "kafka/kafka_status.h"

namespace salesflow {

Result<std::unique_ptr<PartitionConsumer>> PartitionConsumer::Create(
    PartitionConsumerOptions options) {
  if (options.brokers.empty()) return InvalidArgument("consumer: no brokers given");
  const std::string origin = "salesflow consumer default";
  std::vector<ClientProperty> defaults = {
      {"bootstrap.servers", options.brokers, origin},
      {"client.id", "salesflow-reader", origin},
      // librdkafka 2.0 wants a group.id even for assign(); it never joins or commits it.
      {"group.id", "salesflow-reader", origin},
      // Nothing to commit; an offset that is gone is an error, never a silent jump.
      {"enable.auto.commit", "false", origin},
      {"enable.auto.offset.store", "false", origin},
      {"auto.offset.reset", "error", origin},
  };
  SF_ASSIGN_OR_RETURN(ConfHandle conf, BuildClientConf(defaults, options.properties));
  SF_ASSIGN_OR_RETURN(ConsumerClient client,
                      ConsumerClient::Create(std::move(conf), std::move(options.topic)));
  return std::unique_ptr<PartitionConsumer>(new PartitionConsumer(std::move(client)));
}

Status PartitionConsumer::Assign(const std::vector<PartitionOffset>& positions) {
  PartitionListHandle list = MakePartitionList(client_.topic(), positions);
  return KafkaStatus(rd_kafka_assign(client_.get(), list.get()),
                     "assigning partitions of " + client_.topic());
}

Result<std::optional<Message>> PartitionConsumer::Poll(std::chrono::milliseconds timeout) {
  return client_.Poll(timeout);
}

Result<Watermarks> PartitionConsumer::QueryWatermarks(Partition partition,
                                                      std::chrono::milliseconds timeout) {
  return client_.QueryWatermarks(partition, timeout);
}

Result<int> PartitionConsumer::PartitionCount(std::chrono::milliseconds timeout) {
  return client_.PartitionCount(timeout);
}

}  // namespace salesflow
