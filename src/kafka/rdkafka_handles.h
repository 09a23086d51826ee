#pragma once

// Owners for every librdkafka handle we create, so no error path leaks one: each is a
// std::unique_ptr with the matching destroy function.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <memory>

namespace salesflow {

// Destroys an rd_kafka_t (producer or consumer). A consumer must be closed first
// (rd_kafka_consumer_close) to leave its group cleanly; KafkaDeleter only frees.
struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
struct TopicDeleter {
  void operator()(rd_kafka_topic_t* rkt) const { rd_kafka_topic_destroy(rkt); }
};
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
struct MessageDeleter {
  void operator()(rd_kafka_message_t* message) const { rd_kafka_message_destroy(message); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* event) const { rd_kafka_event_destroy(event); }
};
struct ErrorDeleter {
  void operator()(rd_kafka_error_t* error) const { rd_kafka_error_destroy(error); }
};
struct MockClusterDeleter {
  void operator()(rd_kafka_mock_cluster_t* cluster) const {
    rd_kafka_mock_cluster_destroy(cluster);
  }
};

// An owned client instance.
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
// An owned configuration (ownership passes to rd_kafka_new on success: call release()).
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
// An owned topic handle.
using TopicHandle = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;
// An owned topic+partition list.
using PartitionListHandle = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
// An owned consumed message.
using MessageHandle = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;
// An owned queue reference.
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
// An owned event.
using EventHandle = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
// An owned error object (from the incremental rebalance and admin APIs).
using ErrorHandle = std::unique_ptr<rd_kafka_error_t, ErrorDeleter>;
// An owned mock cluster (must be destroyed before the rd_kafka_t it was created on).
using MockClusterHandle = std::unique_ptr<rd_kafka_mock_cluster_t, MockClusterDeleter>;

}  // namespace salesflow
