#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "kafka/rdkafka_handles.h"

namespace salesflow {

// What the embedded broker starts with.
struct EmbeddedBrokerOptions {
  int brokers = 1;                      // mock brokers in the cluster
  std::string topic = "ventes_stream";  // created at start ("" for none)
  int partitions = 3;                   // partitions of `topic` (auto-created topics get 4)
};

// An in-process Kafka cluster: librdkafka's mock cluster (rdkafka_mock.h) listening on
// 127.0.0.1. Its limits (docs/DESIGN.md "Kafka"): memory only; each partition keeps about
// 5 MiB or 100k message sets and silently drops older ones; every start is a new cluster whose
// offsets begin at 0. For the demo, tests and people without Kafka.
class EmbeddedBroker {
 public:
  // Starts the cluster and creates the topic.
  static Result<std::unique_ptr<EmbeddedBroker>> Start(EmbeddedBrokerOptions options = {});
  // Stops the cluster; clients still connected see the brokers go away.
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // bootstrap.servers for clients, e.g. "127.0.0.1:41235".
  const std::string& bootstrap() const { return bootstrap_; }
  // Creates another topic.
  Status CreateTopic(const std::string& topic, int partitions);
  // Takes broker `broker_id` (1-based) down or back up: for broker-failure tests.
  Status SetBrokerUp(int broker_id, bool up);
  // The mock cluster, for fault injection in tests (rd_kafka_mock_push_request_errors...).
  rd_kafka_mock_cluster_t* mock() const { return cluster_.get(); }

 private:
  EmbeddedBroker() = default;

  KafkaHandle host_;           // the client instance that hosts the cluster's threads
  MockClusterHandle cluster_;  // destroyed before host_ (declared after it)
  std::string bootstrap_;
};

}  // namespace salesflow
