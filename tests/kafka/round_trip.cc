#include "round_trip.h"

#include <chrono>
#include <map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "event/catalog.h"
#include "event/generator.h"
#include "event/sale_decoder.h"
#include "kafka/partition_consumer.h"
#include "kafka/producer.h"

namespace salesflow::testing {
namespace {

SaleGenerator MakeGenerator(uint64_t seed, int clients, int products) {
  Catalog catalog =
      (clients <= 3 && products <= 5) ? DefaultCatalog() : GenerateCatalog(clients, products, seed);
  return SaleGenerator(std::move(catalog), SaleGeneratorOptions{.seed = seed});
}

}  // namespace

uint32_t JavaMurmur2(std::string_view key) {
  const uint32_t m = 0x5bd1e995;
  const int r = 24;
  const auto* data = reinterpret_cast<const uint8_t*>(key.data());
  const uint32_t length = static_cast<uint32_t>(key.size());
  uint32_t h = 0x9747b28cU ^ length;
  const uint32_t length4 = length / 4;
  for (uint32_t i = 0; i < length4; ++i) {
    const uint32_t i4 = i * 4;
    uint32_t k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) |
                 (static_cast<uint32_t>(data[i4 + 3]) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  const uint32_t tail = length & ~3U;
  switch (length % 4) {
    case 3:
      h ^= static_cast<uint32_t>(data[tail + 2]) << 16;
      [[fallthrough]];
    case 2:
      h ^= static_cast<uint32_t>(data[tail + 1]) << 8;
      [[fallthrough]];
    case 1:
      h ^= data[tail];
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return h;
}

int JavaPartitionFor(std::string_view key, int partitions) {
  return static_cast<int>((JavaMurmur2(key) & 0x7fffffffU) % static_cast<uint32_t>(partitions));
}

uint64_t MessageChecksum(std::string_view key, std::string_view payload) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
  auto mix = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(key);
  mix(std::string_view("\0", 1));
  mix(payload);
  return h;
}

uint64_t GeneratorChecksum(int64_t count, uint64_t seed, int clients, int products) {
  SaleGenerator generator = MakeGenerator(seed, clients, products);
  GeneratedMessage message;
  uint64_t sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    generator.Next(&message);
    sum += MessageChecksum(message.key, message.payload);
  }
  return sum;
}

Status ProduceGenerated(const std::string& brokers, const std::string& topic, int64_t count,
                        uint64_t seed, int clients, int products, ProducedRun* out) {
  SF_ASSIGN_OR_RETURN(auto producer, Producer::Create({.brokers = brokers, .topic = topic}));
  SaleGenerator generator = MakeGenerator(seed, clients, products);
  GeneratedMessage message;
  *out = {};
  for (int64_t i = 0; i < count; ++i) {
    generator.Next(&message);
    SF_RETURN_IF_ERROR(producer->Send(message.key, message.payload));
    out->checksum += MessageChecksum(message.key, message.payload);
    producer->Poll(std::chrono::milliseconds(0));
  }
  SF_RETURN_IF_ERROR(producer->Flush(std::chrono::seconds(60)));
  out->count = producer->counts().delivered;
  return Status::Ok();
}

Status ReadAll(const std::string& brokers, const std::string& topic, ReadBack* out) {
  using std::chrono::milliseconds;
  *out = {};
  SF_ASSIGN_OR_RETURN(auto consumer,
                      PartitionConsumer::Create({.brokers = brokers, .topic = topic}));
  SF_ASSIGN_OR_RETURN(out->partitions, consumer->PartitionCount(milliseconds(10'000)));
  std::vector<PartitionOffset> starts;
  int64_t expected = 0;
  for (int p = 0; p < out->partitions; ++p) {
    SF_ASSIGN_OR_RETURN(Watermarks w,
                        consumer->QueryWatermarks(Partition(p), milliseconds(10'000)));
    expected += w.high.value() - w.low.value();
    if (w.high > w.low) ++out->partitions_with_data;
    starts.push_back({Partition(p), w.low});
  }
  SF_RETURN_IF_ERROR(consumer->Assign(starts));
  SaleDecoder decoder;
  Sale sale;
  std::map<std::pair<int, int64_t>, int64_t> last_id;  // (partition, client) -> vente_id
  std::unordered_set<int64_t> ids;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (out->count < expected) {
    if (std::chrono::steady_clock::now() > deadline) {
      return Unavailable("read " + std::to_string(out->count) + " of " + std::to_string(expected) +
                         " messages in 120 s");
    }
    SF_ASSIGN_OR_RETURN(std::optional<Message> message, consumer->Poll(milliseconds(500)));
    if (!message) continue;
    ++out->count;
    out->checksum += MessageChecksum(message->key(), message->payload());
    const int partition = message->partition().value();
    if (JavaPartitionFor(message->key(), out->partitions) != partition) ++out->misplaced;
    if (!decoder.Decode(message->payload(), &sale).ok()) {
      ++out->undecodable;
      continue;
    }
    if (message->key() != std::to_string(sale.client_id.value())) ++out->key_mismatches;
    if (!ids.insert(sale.vente_id.value()).second) ++out->duplicate_vente_ids;
    auto [it, inserted] =
        last_id.try_emplace({partition, sale.client_id.value()}, sale.vente_id.value());
    if (!inserted) {
      if (sale.vente_id.value() <= it->second) ++out->order_violations;
      it->second = sale.vente_id.value();
    }
  }
  return Status::Ok();
}

}  // namespace salesflow::testing
