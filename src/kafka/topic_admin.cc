#include "kafka/topic_admin.h"

#include <memory>

#include "kafka/kafka_status.h"
#include "kafka/rdkafka_handles.h"

namespace salesflow {
namespace {

struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
};
struct AdminOptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};

}  // namespace

Status CreateTopic(const std::string& brokers, const std::vector<ClientProperty>& properties,
                   const std::string& topic, int partitions, std::chrono::milliseconds timeout) {
  const std::string context = "creating topic " + topic;
  SF_ASSIGN_OR_RETURN(
      ConfHandle conf,
      BuildClientConf({{"bootstrap.servers", brokers, "salesflow admin default"}}, properties));
  char errstr[512];
  KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr)));
  if (!rk) return InvalidArgument(context + ": " + errstr);
  conf.release();  // rd_kafka_new took it
  std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter> new_topic(
      rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, errstr, sizeof(errstr)));
  if (!new_topic) return InvalidArgument(context + ": " + errstr);
  std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter> options(
      rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), static_cast<int>(timeout.count()),
                                              errstr, sizeof(errstr));
  QueueHandle queue(rd_kafka_queue_new(rk.get()));
  rd_kafka_NewTopic_t* topics[] = {new_topic.get()};
  rd_kafka_CreateTopics(rk.get(), topics, 1, options.get(), queue.get());
  EventHandle event(rd_kafka_queue_poll(queue.get(), static_cast<int>(timeout.count()) + 5000));
  if (!event) return Unavailable(context + ": no answer from " + brokers);
  SF_RETURN_IF_ERROR(KafkaStatus(rd_kafka_event_error(event.get()), context));
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event.get());
  if (result == nullptr) return Internal(context + ": unexpected admin event");
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      return AlreadyExists(context + ": it exists already");
    }
    SF_RETURN_IF_ERROR(KafkaStatus(err, context));
  }
  return Status::Ok();
}

}  // namespace salesflow
