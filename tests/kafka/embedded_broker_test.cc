#include "kafka/mock_cluster.h"

#include <gtest/gtest.h>

#include <chrono>

#include "kafka/partition_consumer.h"
#include "round_trip.h"

namespace salesflow {
namespace {

using std::chrono::milliseconds;

TEST(EmbeddedBrokerTest, StartsOnLoopbackWithThreePartitionTopic) {
  auto broker = EmbeddedBroker::Start();
  ASSERT_TRUE(broker.ok()) << broker.status().ToString();
  EXPECT_EQ((*broker)->bootstrap().rfind("127.0.0.1:", 0), 0u) << (*broker)->bootstrap();
  auto consumer = PartitionConsumer::Create({.brokers = (*broker)->bootstrap()});
  ASSERT_TRUE(consumer.ok()) << consumer.status().ToString();
  auto count = (*consumer)->PartitionCount(milliseconds(5000));
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 3);
  for (int p = 0; p < 3; ++p) {
    auto w = (*consumer)->QueryWatermarks(Partition(p), milliseconds(5000));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ(w->low, Offset(0));
    EXPECT_EQ(w->high, Offset(0));  // a new cluster: offsets start at 0
  }
}

TEST(EmbeddedBrokerTest, RoundTripKeepsCountOrderPlacementAndContent) {
  auto broker = EmbeddedBroker::Start();
  ASSERT_TRUE(broker.ok()) << broker.status().ToString();
  const std::string& brokers = (*broker)->bootstrap();
  constexpr int64_t kCount = 5000;
  testing::ProducedRun produced;
  Status sent = testing::ProduceGenerated(brokers, "ventes_stream", kCount, /*seed=*/7,
                                          /*clients=*/200, /*products=*/30, &produced);
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_EQ(produced.count, kCount);
  EXPECT_EQ(produced.checksum, testing::GeneratorChecksum(kCount, 7, 200, 30));

  testing::ReadBack read;
  Status status = testing::ReadAll(brokers, "ventes_stream", &read);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(read.count, kCount);
  EXPECT_EQ(read.checksum, produced.checksum);
  EXPECT_EQ(read.partitions, 3);
  EXPECT_EQ(read.partitions_with_data, 3);
  EXPECT_EQ(read.undecodable, 0);
  EXPECT_EQ(read.key_mismatches, 0);
  EXPECT_EQ(read.misplaced, 0);
  EXPECT_EQ(read.order_violations, 0);
  EXPECT_EQ(read.duplicate_vente_ids, 0);
}

TEST(EmbeddedBrokerTest, OtherTopicsCanBeCreated) {
  auto broker = EmbeddedBroker::Start({.topic = ""});
  ASSERT_TRUE(broker.ok()) << broker.status().ToString();
  ASSERT_TRUE((*broker)->CreateTopic("other", 5).ok());
  auto consumer = PartitionConsumer::Create({.brokers = (*broker)->bootstrap(), .topic = "other"});
  ASSERT_TRUE(consumer.ok());
  auto count = (*consumer)->PartitionCount(milliseconds(5000));
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 5);
  EXPECT_EQ((*broker)->CreateTopic("bad", 0).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace salesflow
