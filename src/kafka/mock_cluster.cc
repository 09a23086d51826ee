#include "kafka/mock_cluster.h"

#include "kafka/client_config.h"
#include "kafka/kafka_status.h"

namespace salesflow {

Result<std::unique_ptr<EmbeddedBroker>> EmbeddedBroker::Start(EmbeddedBrokerOptions options) {
  if (options.brokers < 1) return InvalidArgument("embedded broker: need at least one broker");
  // A producer handle with no brokers of its own just hosts the mock cluster.
  SF_ASSIGN_OR_RETURN(ConfHandle conf,
                      BuildClientConf({{"client.id", "salesflow-embedded-broker", "salesflow"},
                                       {"log_level", "3", "salesflow"}},
                                      {}));
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr));
  if (rk == nullptr) return Internal(std::string("embedded broker: ") + errstr);
  conf.release();  // rd_kafka_new took it
  std::unique_ptr<EmbeddedBroker> broker(new EmbeddedBroker());
  broker->host_.reset(rk);
  broker->cluster_.reset(rd_kafka_mock_cluster_new(rk, options.brokers));
  if (!broker->cluster_) return Internal("embedded broker: could not start the mock cluster");
  broker->bootstrap_ = rd_kafka_mock_cluster_bootstraps(broker->cluster_.get());
  if (!options.topic.empty()) {
    SF_RETURN_IF_ERROR(broker->CreateTopic(options.topic, options.partitions));
  }
  return broker;
}

EmbeddedBroker::~EmbeddedBroker() {
  cluster_.reset();
  host_.reset();
}

Status EmbeddedBroker::CreateTopic(const std::string& topic, int partitions) {
  if (partitions < 1) return InvalidArgument("embedded broker: a topic needs a partition");
  return KafkaStatus(rd_kafka_mock_topic_create(cluster_.get(), topic.c_str(), partitions, 1),
                     "embedded broker: creating topic " + topic);
}

Status EmbeddedBroker::SetBrokerUp(int broker_id, bool up) {
  rd_kafka_resp_err_t err = up ? rd_kafka_mock_broker_set_up(cluster_.get(), broker_id)
                               : rd_kafka_mock_broker_set_down(cluster_.get(), broker_id);
  return KafkaStatus(
      err, "embedded broker: setting broker " + std::to_string(broker_id) + (up ? " up" : " down"));
}

}  // namespace salesflow
