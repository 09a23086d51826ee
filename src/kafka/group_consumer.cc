#include "kafka/group_consumer.h"

#include <spdlog/spdlog.h>

#include <cstring>

#include "kafka/kafka_status.h"

namespace salesflow {

Result<std::unique_ptr<GroupConsumer>> GroupConsumer::Create(GroupConsumerOptions options,
                                                             RebalanceListener* listener) {
  if (options.brokers.empty()) return InvalidArgument("group consumer: no brokers given");
  if (options.group_id.empty()) return InvalidArgument("group consumer: no group id given");
  const std::string origin = "salesflow group consumer default";
  std::vector<ClientProperty> defaults = {
      {"bootstrap.servers", options.brokers, origin},
      {"client.id", "salesflow-consumer", origin},
      {"group.id", options.group_id, origin},
      {"partition.assignment.strategy",
       options.protocol == RebalanceProtocol::kCooperative ? "cooperative-sticky" : "range",
       origin},
      // Offsets are committed by the caller after its data is durable, never behind its back.
      {"enable.auto.commit", "false", origin},
      {"enable.auto.offset.store", "false", origin},
      // No committed offset: start at the beginning. An offset that is gone: error, no jump.
      {"auto.offset.reset", "earliest", origin},
  };
  SF_ASSIGN_OR_RETURN(ConfHandle conf, BuildClientConf(defaults, options.properties));
  // The callback's opaque is set once the object exists; librdkafka only calls it from Poll.
  auto consumer = std::unique_ptr<GroupConsumer>(new GroupConsumer(ConsumerClient(), listener));
  rd_kafka_conf_set_opaque(conf.get(), consumer.get());
  rd_kafka_conf_set_rebalance_cb(conf.get(), &GroupConsumer::OnRebalance);
  SF_ASSIGN_OR_RETURN(consumer->client_,
                      ConsumerClient::Create(std::move(conf), std::move(options.topic)));
  PartitionListHandle topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), consumer->client_.topic().c_str(),
                                    RD_KAFKA_PARTITION_UA);
  SF_RETURN_IF_ERROR(KafkaStatus(rd_kafka_subscribe(consumer->client_.get(), topics.get()),
                                 "subscribing to " + consumer->client_.topic()));
  return consumer;
}

GroupConsumer::~GroupConsumer() {
  Status status = Close();
  if (!status.ok()) spdlog::warn("{}", status.ToString());
}

void GroupConsumer::OnRebalance(rd_kafka_t* /*rk*/, rd_kafka_resp_err_t err,
                                rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  static_cast<GroupConsumer*>(opaque)->HandleRebalance(err, partitions);
}

void GroupConsumer::HandleRebalance(rd_kafka_resp_err_t err,
                                    rd_kafka_topic_partition_list_t* partitions) {
  rd_kafka_t* rk = client_.get();
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  std::vector<PartitionOffset> list = PartitionsOf(partitions);
  Status applied;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    for (PartitionOffset& p : list) p.offset = kOffsetStored;
    if (listener_ != nullptr) {
      Status s = listener_->OnAssigned(list);
      if (!s.ok() && rebalance_error_.ok()) rebalance_error_ = s.WithContext("on assignment");
    }
    for (int i = 0; i < partitions->cnt; ++i) partitions->elems[i].offset = list[i].offset.value();
    if (cooperative) {
      ErrorHandle error(rd_kafka_incremental_assign(rk, partitions));
      applied = KafkaErrorStatus(error.get(), "incremental assign");
    } else {
      applied = KafkaStatus(rd_kafka_assign(rk, partitions), "assign");
    }
  } else {
    const bool lost = rd_kafka_assignment_lost(rk) != 0;
    if (listener_ != nullptr) {
      Status s = listener_->OnRevoked(list, lost);
      if (!s.ok() && rebalance_error_.ok()) rebalance_error_ = s.WithContext("on revoke");
    }
    if (cooperative) {
      ErrorHandle error(rd_kafka_incremental_unassign(rk, partitions));
      applied = KafkaErrorStatus(error.get(), "incremental unassign");
    } else {
      applied = KafkaStatus(rd_kafka_assign(rk, nullptr), "unassign");
    }
  }
  if (!applied.ok() && rebalance_error_.ok()) rebalance_error_ = applied;
}

Result<std::optional<Message>> GroupConsumer::Poll(std::chrono::milliseconds timeout) {
  Result<std::optional<Message>> result = client_.Poll(timeout);
  if (!rebalance_error_.ok()) {
    Status error = std::move(rebalance_error_);
    rebalance_error_ = Status::Ok();
    return error;
  }
  return result;
}

Result<Watermarks> GroupConsumer::QueryWatermarks(Partition partition,
                                                  std::chrono::milliseconds timeout) {
  // Only partitions in the current assignment: a cached value of a partition fetched before a
  // revoke could be stale, and an assignment check (inside the rebalance callback, before the
  // partition is added) must see the broker's truth.
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(client_.get(), &raw) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    PartitionListHandle assignment(raw);
    if (rd_kafka_topic_partition_list_find(assignment.get(), client_.topic().c_str(),
                                           partition.value()) != nullptr) {
      int64_t low = RD_KAFKA_OFFSET_INVALID;
      int64_t high = RD_KAFKA_OFFSET_INVALID;
      if (rd_kafka_get_watermark_offsets(client_.get(), client_.topic().c_str(), partition.value(),
                                         &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR &&
          low >= 0 && high >= 0) {
        return Watermarks{Offset(low), Offset(high)};
      }
    }
  }
  return client_.QueryWatermarks(partition, timeout);
}

Result<int> GroupConsumer::PartitionCount(std::chrono::milliseconds timeout) {
  return client_.PartitionCount(timeout);
}

Status GroupConsumer::Commit(const std::vector<PartitionOffset>& next_offsets) {
  PartitionListHandle list = MakePartitionList(client_.topic(), next_offsets);
  SF_RETURN_IF_ERROR(KafkaStatus(rd_kafka_commit(client_.get(), list.get(), /*async=*/0),
                                 "committing offsets of " + client_.topic()));
  for (int i = 0; i < list->cnt; ++i) {
    SF_RETURN_IF_ERROR(
        KafkaStatus(list->elems[i].err, "committing " + client_.topic() + " partition " +
                                            std::to_string(list->elems[i].partition)));
  }
  return Status::Ok();
}

Result<std::vector<PartitionOffset>> GroupConsumer::Committed(
    const std::vector<Partition>& partitions, std::chrono::milliseconds timeout) {
  std::vector<PartitionOffset> query;
  for (Partition p : partitions) query.push_back({p, kOffsetInvalid});
  PartitionListHandle list = MakePartitionList(client_.topic(), query);
  SF_RETURN_IF_ERROR(
      KafkaStatus(rd_kafka_committed(client_.get(), list.get(), static_cast<int>(timeout.count())),
                  "reading committed offsets of " + client_.topic()));
  return PartitionsOf(list.get());
}

Result<std::vector<Partition>> GroupConsumer::Assignment() {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  SF_RETURN_IF_ERROR(KafkaStatus(rd_kafka_assignment(client_.get(), &raw), "assignment"));
  PartitionListHandle list(raw);
  std::vector<Partition> out;
  for (const PartitionOffset& p : PartitionsOf(list.get())) out.push_back(p.partition);
  return out;
}

Status GroupConsumer::Close() {
  return client_.Close();
}

}  // namespace salesflow
