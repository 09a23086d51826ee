#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kafka/client_config.h"
#include "kafka/rdkafka_handles.h"

namespace salesflow {

// Where and how a Producer sends.
struct ProducerOptions {
  std::string brokers;                     // bootstrap.servers, "host:port[,host:port]"
  std::string topic = "ventes_stream";     // every message goes to this topic
  std::vector<ClientProperty> properties;  // user pass-through properties; they win over ours
  // How long Send waits for room when librdkafka's local queue is full (broker slow or down)
  // before it gives up with Unavailable.
  std::chrono::milliseconds queue_full_timeout{60'000};
};

// Delivery outcome so far, from librdkafka's delivery reports.
struct DeliveryCounts {
  int64_t sent = 0;       // accepted by Send
  int64_t delivered = 0;  // acknowledged by all in-sync replicas (acks=all)
  int64_t failed = 0;     // definitively failed (timeout, fatal error, too large...)
};

// An idempotent Kafka producer of keyed messages to one topic (see docs/DESIGN.md "Kafka" for
// the settings and why): acks=all, enable.idempotence=true, murmur2_random partitioner (a key
// lands on the partition Java and Python clients pick), lz4 batches. Send is asynchronous;
// delivery reports are counted when Poll or Flush serves them. Not thread-safe: one thread
// sends and polls.
class Producer {
 public:
  // salesflow's producer settings for `brokers` (before the user's properties).
  static std::vector<ClientProperty> DefaultProperties(const std::string& brokers);

  // Creates the client; fails on a bad property (InvalidArgument naming it). Does not wait for
  // the broker: an unreachable one shows up as Unavailable from Send/Flush.
  static Result<std::unique_ptr<Producer>> Create(ProducerOptions options);

  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;
  // Frees the client without flushing: call Flush first to deliver what is queued.
  ~Producer();

  // Queues one message (copied). When the local queue is full it serves delivery reports
  // and retries for up to queue_full_timeout. Fails on a fatal producer error.
  Status Send(std::string_view key, std::string_view payload);
  // Serves delivery reports, waiting up to `timeout` for one.
  void Poll(std::chrono::milliseconds timeout);
  // Waits until everything queued is delivered or failed, up to `timeout`. Unavailable when
  // messages are still in flight at the deadline; Internal when some failed (with the first
  // failure's reason).
  Status Flush(std::chrono::milliseconds timeout);
  // Messages queued or in flight, not yet reported.
  int64_t in_flight() const;
  // Counts so far.
  DeliveryCounts counts() const;
  // The first delivery failure's reason ("" when none failed).
  const std::string& first_failure() const { return first_failure_; }
  // The topic messages go to.
  const std::string& topic() const { return options_.topic; }

 private:
  explicit Producer(ProducerOptions options);
  static void OnDelivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
  static void OnError(rd_kafka_t* rk, int err, const char* reason, void* opaque);
  Status FatalError() const;

  ProducerOptions options_;
  KafkaHandle handle_;
  TopicHandle topic_;
  int64_t sent_ = 0;
  std::atomic<int64_t> delivered_{0};
  std::atomic<int64_t> failed_{0};
  std::string first_failure_;
};

}  // namespace salesflow
