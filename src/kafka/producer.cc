#include "kafka/producer.h"

#include <spdlog/spdlog.h>

#include "kafka/kafka_status.h"

namespace salesflow {

std::vector<ClientProperty> Producer::DefaultProperties(const std::string& brokers) {
  const std::string origin = "salesflow producer default";
  return {
      {"bootstrap.servers", brokers, origin},
      {"client.id", "salesflow-producer", origin},
      // Exactly one copy per Send, in order per partition, even across retries.
      {"enable.idempotence", "true", origin},
      {"acks", "all", origin},
      // Java's and Python's default placement for keyed messages (murmur2 of the key).
      {"partitioner", "murmur2_random", origin},
      // Throughput: wait up to 10 ms to fill batches of up to 1 MB (the broker's default
      // message.max.bytes), compressed with lz4 (cheapest CPU per byte saved on JSON).
      {"linger.ms", "10", origin},
      {"batch.size", "1000000", origin},
      {"batch.num.messages", "100000", origin},
      {"compression.type", "lz4", origin},
      // Room for ~0.5 s of events at full speed before Send has to wait.
      {"queue.buffering.max.messages", "500000", origin},
      {"queue.buffering.max.kbytes", "524288", origin},
      // Give up on a message after 2 minutes without a broker (it is then counted as failed).
      {"message.timeout.ms", "120000", origin},
  };
}

Producer::Producer(ProducerOptions options) : options_(std::move(options)) {}

Producer::~Producer() {
  topic_.reset();
  handle_.reset();
}

Result<std::unique_ptr<Producer>> Producer::Create(ProducerOptions options) {
  if (options.brokers.empty()) return InvalidArgument("producer: no brokers given");
  if (options.topic.empty()) return InvalidArgument("producer: no topic given");
  std::unique_ptr<Producer> producer(new Producer(std::move(options)));
  SF_ASSIGN_OR_RETURN(ConfHandle conf,
                      BuildClientConf(DefaultProperties(producer->options_.brokers),
                                      producer->options_.properties));
  rd_kafka_conf_set_opaque(conf.get(), producer.get());
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::OnDelivery);
  rd_kafka_conf_set_error_cb(conf.get(), &Producer::OnError);
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr));
  if (rk == nullptr) return InvalidArgument(std::string("creating the Kafka producer: ") + errstr);
  conf.release();  // rd_kafka_new took it
  producer->handle_.reset(rk);
  producer->topic_.reset(rd_kafka_topic_new(rk, producer->options_.topic.c_str(), nullptr));
  if (!producer->topic_) {
    return KafkaStatus(rd_kafka_last_error(), "opening topic " + producer->options_.topic);
  }
  return producer;
}

void Producer::OnDelivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    self->delivered_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (self->failed_.fetch_add(1, std::memory_order_relaxed) == 0) {
    self->first_failure_ =
        KafkaStatus(message->err, "delivering to " + self->options_.topic).message();
    spdlog::error("{}", self->first_failure_);
  }
}

void Producer::OnError(rd_kafka_t* rk, int err, const char* reason, void* /*opaque*/) {
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__FATAL) {
    char buf[512];
    rd_kafka_fatal_error(rk, buf, sizeof(buf));
    spdlog::error("kafka producer fatal error: {}", buf);
    return;
  }
  // Broker down, transport errors: librdkafka retries by itself; say so once per event.
  spdlog::warn("kafka producer: {} ({})", reason, rd_kafka_err2name(code));
}

Status Producer::FatalError() const {
  char buf[512];
  rd_kafka_resp_err_t err = rd_kafka_fatal_error(handle_.get(), buf, sizeof(buf));
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::Ok();
  return Internal(std::string("kafka producer fatal error: ") + buf + " (" +
                  rd_kafka_err2name(err) + ")");
}

Status Producer::Send(std::string_view key, std::string_view payload) {
  auto deadline = std::chrono::steady_clock::now() + options_.queue_full_timeout;
  while (true) {
    int rc = rd_kafka_produce(topic_.get(), RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                              const_cast<char*>(payload.data()), payload.size(), key.data(),
                              key.size(), nullptr);
    if (rc == 0) {
      ++sent_;
      return Status::Ok();
    }
    rd_kafka_resp_err_t err = rd_kafka_last_error();
    if (err == RD_KAFKA_RESP_ERR__FATAL) return FatalError();
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      return KafkaStatus(err, "sending to " + options_.topic);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return KafkaStatus(err, "sending to " + options_.topic + ": queue still full after " +
                                  std::to_string(options_.queue_full_timeout.count()) +
                                  " ms (broker down or too slow?)");
    }
    rd_kafka_poll(handle_.get(), 50);
  }
}

void Producer::Poll(std::chrono::milliseconds timeout) {
  rd_kafka_poll(handle_.get(), static_cast<int>(timeout.count()));
}

Status Producer::Flush(std::chrono::milliseconds timeout) {
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count()));
  SF_RETURN_IF_ERROR(FatalError());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(err, "flushing to " + options_.topic + ": " + std::to_string(in_flight()) +
                                " messages still in flight");
  }
  int64_t failed = failed_.load();
  if (failed > 0) {
    return Internal(std::to_string(failed) + " of " + std::to_string(sent_) +
                    " messages failed; first: " + first_failure_);
  }
  return Status::Ok();
}

int64_t Producer::in_flight() const {
  return rd_kafka_outq_len(handle_.get());
}

DeliveryCounts Producer::counts() const {
  return {.sent = sent_, .delivered = delivered_.load(), .failed = failed_.load()};
}

}  // namespace salesflow
