#pragma once

// Produce-then-read-back checks shared by the embedded-broker and real-broker tests: generated
// events go out through the Producer, a PartitionConsumer reads every partition back, and the
// two sides are compared (count, per-client order, placement, content checksum).

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace salesflow::testing {

// Java's murmur2 hash (org.apache.kafka.common.utils.Utils.murmur2) of `key`, as unsigned bits.
uint32_t JavaMurmur2(std::string_view key);

// Java's murmur2 partitioner (org.apache.kafka.common.utils.Utils.murmur2, toPositive, modulo):
// where a Java or Python client puts a keyed message.
int JavaPartitionFor(std::string_view key, int partitions);

// What a run of the generator sent.
struct ProducedRun {
  int64_t count = 0;      // messages sent and delivered
  uint64_t checksum = 0;  // order-independent checksum of (key, payload)
};

// Generates `count` events (seed, catalog of `clients` x `products`) and sends them to `topic`
// through a Producer, then flushes. Any failed delivery is an error.
Status ProduceGenerated(const std::string& brokers, const std::string& topic, int64_t count,
                        uint64_t seed, int clients, int products, ProducedRun* out);

// The checksum ProduceGenerated computes, for `count` events of the same generator, computed
// without Kafka.
uint64_t GeneratorChecksum(int64_t count, uint64_t seed, int clients, int products);

// What was read back from every partition of a topic.
struct ReadBack {
  int64_t count = 0;                // messages read (= sum of high - low watermarks)
  uint64_t checksum = 0;            // as ProducedRun::checksum
  int64_t undecodable = 0;          // payloads the event decoder rejected
  int64_t key_mismatches = 0;       // key != the sale's client_id
  int64_t misplaced = 0;            // partition != Java's murmur2 placement of the key
  int64_t order_violations = 0;     // a client's vente_id not increasing within its partition
  int64_t duplicate_vente_ids = 0;  // a vente_id seen twice
  int partitions = 0;               // partition count of the topic
  int partitions_with_data = 0;     // partitions holding at least one message
};

// Reads every partition of `topic` from its low to its high watermark (taken at the start)
// with a PartitionConsumer and checks each message.
Status ReadAll(const std::string& brokers, const std::string& topic, ReadBack* out);

// One message's contribution to the checksum.
uint64_t MessageChecksum(std::string_view key, std::string_view payload);

}  // namespace salesflow::testing
