#include "kafka/producer.h"

#include <gtest/gtest.h>

#include <chrono>

#include "kafka/mock_cluster.h"
#include "kafka/partition_consumer.h"

namespace salesflow {
namespace {

using std::chrono::milliseconds;

TEST(ProducerTest, DefaultsAreIdempotentAllAcksMurmur2) {
  auto props = Producer::DefaultProperties("b:9092");
  auto value = [&](const std::string& key) {
    for (const ClientProperty& p : props) {
      if (p.key == key) return p.value;
    }
    return std::string("<unset>");
  };
  EXPECT_EQ(value("bootstrap.servers"), "b:9092");
  EXPECT_EQ(value("enable.idempotence"), "true");
  EXPECT_EQ(value("acks"), "all");
  EXPECT_EQ(value("partitioner"), "murmur2_random");
  EXPECT_EQ(value("compression.type"), "lz4");
}

TEST(ProducerTest, BadPassThroughPropertyIsNamed) {
  auto producer = Producer::Create(
      {.brokers = "127.0.0.1:1", .properties = {{"compression.type", "brotli", "flag -X"}}});
  ASSERT_FALSE(producer.ok());
  EXPECT_EQ(producer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(producer.status().message().find("'compression.type' from flag -X"), std::string::npos)
      << producer.status().message();
}

TEST(ProducerTest, UnreachableBrokerFlushTimesOutAsUnavailable) {
  auto producer = Producer::Create({.brokers = "127.0.0.1:1"});
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();
  ASSERT_TRUE((*producer)->Send("1", "{}").ok());
  Status flushed = (*producer)->Flush(milliseconds(300));
  EXPECT_EQ(flushed.code(), StatusCode::kUnavailable) << flushed.ToString();
  EXPECT_NE(flushed.message().find("1 messages still in flight"), std::string::npos)
      << flushed.message();
  EXPECT_EQ((*producer)->counts().sent, 1);
  EXPECT_EQ((*producer)->counts().delivered, 0);
}

TEST(ProducerTest, DeliversAfterTheBrokerComesBack) {
  auto broker = EmbeddedBroker::Start();
  ASSERT_TRUE(broker.ok()) << broker.status().ToString();
  auto producer = Producer::Create({.brokers = (*broker)->bootstrap()});
  ASSERT_TRUE(producer.ok());
  ASSERT_TRUE((*producer)->Send("1", "before").ok());
  ASSERT_TRUE((*producer)->Flush(milliseconds(10'000)).ok());
  ASSERT_TRUE((*broker)->SetBrokerUp(1, false).ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE((*producer)->Send(std::to_string(i), "during").ok());
  EXPECT_EQ((*producer)->Flush(milliseconds(500)).code(), StatusCode::kUnavailable);
  ASSERT_TRUE((*broker)->SetBrokerUp(1, true).ok());
  Status flushed = (*producer)->Flush(milliseconds(30'000));
  EXPECT_TRUE(flushed.ok()) << flushed.ToString();
  EXPECT_EQ((*producer)->counts().delivered, 11);
  EXPECT_EQ((*producer)->counts().failed, 0);
  EXPECT_EQ((*producer)->in_flight(), 0);
}

}  // namespace
}  // namespace salesflow
