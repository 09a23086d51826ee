#include "kafka/consumer_client.h"

#include <spdlog/spdlog.h>

#include "kafka/kafka_status.h"

namespace salesflow {

ConsumerClient::~ConsumerClient() {
  if (handle_ && !closed_) {
    Status status = Close();
    if (!status.ok()) spdlog::warn("{}", status.ToString());
  }
}

Result<ConsumerClient> ConsumerClient::Create(ConfHandle conf, std::string topic) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof(errstr));
  if (rk == nullptr) return InvalidArgument(std::string("creating the Kafka consumer: ") + errstr);
  conf.release();  // rd_kafka_new took it
  ConsumerClient client;
  client.handle_.reset(rk);
  client.topic_ = std::move(topic);
  // Serve everything (rebalances, errors, logs) from rd_kafka_consumer_poll.
  rd_kafka_poll_set_consumer(rk);
  return client;
}

Result<std::optional<Message>> ConsumerClient::Poll(std::chrono::milliseconds timeout) {
  MessageHandle message(rd_kafka_consumer_poll(handle_.get(), static_cast<int>(timeout.count())));
  if (!message) return std::optional<Message>();
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return std::optional<Message>();
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::string where = "reading " + topic_;
    if (message->rkt != nullptr && message->partition >= 0) {
      where += " partition " + std::to_string(message->partition);
      if (message->offset >= 0) where += " offset " + std::to_string(message->offset);
    }
    return KafkaStatus(message->err, where);
  }
  return std::optional<Message>(Message(std::move(message)));
}

Result<Watermarks> ConsumerClient::QueryWatermarks(Partition partition,
                                                   std::chrono::milliseconds timeout) {
  int64_t low = 0;
  int64_t high = 0;
  rd_kafka_resp_err_t err =
      rd_kafka_query_watermark_offsets(handle_.get(), topic_.c_str(), partition.value(), &low,
                                       &high, static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(
        err, "watermarks of " + topic_ + " partition " + std::to_string(partition.value()));
  }
  return Watermarks{Offset(low), Offset(high)};
}

Result<int> ConsumerClient::PartitionCount(std::chrono::milliseconds timeout) {
  TopicHandle topic(rd_kafka_topic_new(handle_.get(), topic_.c_str(), nullptr));
  if (!topic) return KafkaStatus(rd_kafka_last_error(), "opening topic " + topic_);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(handle_.get(), 0, topic.get(), &metadata,
                                              static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaStatus(err, "metadata of " + topic_);
  Result<int> count = NotFound("topic " + topic_ + " is not in the broker's metadata");
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& t = metadata->topics[i];
    if (topic_ != t.topic) continue;
    if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      count = KafkaStatus(t.err, "metadata of " + topic_);
    } else {
      count = t.partition_cnt;
    }
  }
  rd_kafka_metadata_destroy(metadata);
  return count;
}

Status ConsumerClient::Close() {
  if (!handle_ || closed_) return Status::Ok();
  closed_ = true;
  return KafkaStatus(rd_kafka_consumer_close(handle_.get()), "closing the consumer of " + topic_);
}

PartitionListHandle MakePartitionList(const std::string& topic,
                                      const std::vector<PartitionOffset>& positions) {
  PartitionListHandle list(rd_kafka_topic_partition_list_new(static_cast<int>(positions.size())));
  for (const PartitionOffset& p : positions) {
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p.partition.value())->offset =
        p.offset.value();
  }
  return list;
}

std::vector<PartitionOffset> PartitionsOf(const rd_kafka_topic_partition_list_t* list) {
  std::vector<PartitionOffset> out;
  if (list == nullptr) return out;
  out.reserve(list->cnt);
  for (int i = 0; i < list->cnt; ++i) {
    out.push_back({Partition(list->elems[i].partition), Offset(list->elems[i].offset)});
  }
  return out;
}

}  // namespace salesflow
