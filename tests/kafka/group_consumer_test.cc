#include "kafka/group_consumer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "kafka/mock_cluster.h"
#include "kafka/partition_consumer.h"
#include "round_trip.h"

namespace salesflow {
namespace {

using std::chrono::milliseconds;

// The mock coordinator waits a session timeout for departed members before the next join.
const ClientProperty kShortSession{"session.timeout.ms", "6000", "test"};

// Records what the group did and optionally starts every partition at a fixed offset.
class RecordingListener : public RebalanceListener {
 public:
  explicit RecordingListener(Offset start = kOffsetStored) : start_(start) {}
  Status OnAssigned(std::vector<PartitionOffset>& partitions) override {
    for (PartitionOffset& p : partitions) {
      assigned.insert(p.partition.value());
      p.offset = start_;
    }
    return Status::Ok();
  }
  Status OnRevoked(const std::vector<PartitionOffset>& partitions, bool lost) override {
    for (const PartitionOffset& p : partitions) revoked.insert(p.partition.value());
    any_lost = any_lost || lost;
    return Status::Ok();
  }
  std::set<int> assigned;
  std::set<int> revoked;
  bool any_lost = false;

 private:
  Offset start_;
};

// Polls until `want` messages arrived (or `wait` passed); returns how many.
int64_t ReadN(GroupConsumer& consumer, int64_t want, std::vector<PartitionOffset>* next,
              std::chrono::milliseconds wait = std::chrono::seconds(30)) {
  int64_t got = 0;
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (got < want && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.Poll(milliseconds(200));
    EXPECT_TRUE(message.ok()) << message.status().ToString();
    if (!message.ok() || !message->has_value()) continue;
    ++got;
    const Message& m = **message;
    bool found = false;
    for (PartitionOffset& p : *next) {
      if (p.partition == m.partition()) {
        p.offset = m.offset().next();
        found = true;
      }
    }
    if (!found) next->push_back({m.partition(), m.offset().next()});
  }
  return got;
}

class GroupConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto broker = EmbeddedBroker::Start();
    ASSERT_TRUE(broker.ok()) << broker.status().ToString();
    broker_ = std::move(*broker);
    testing::ProducedRun run;
    Status sent =
        testing::ProduceGenerated(broker_->bootstrap(), "ventes_stream", 600, 3, 100, 10, &run);
    ASSERT_TRUE(sent.ok()) << sent.ToString();
  }
  std::unique_ptr<EmbeddedBroker> broker_;
};

TEST_F(GroupConsumerTest, AssignsEveryPartitionCommitsAndRevokesOnClose) {
  RecordingListener listener;
  std::vector<PartitionOffset> next;
  {
    auto consumer = GroupConsumer::Create(
        {.brokers = broker_->bootstrap(), .group_id = "test-group", .properties = {kShortSession}},
        &listener);
    ASSERT_TRUE(consumer.ok()) << consumer.status().ToString();
    EXPECT_EQ(ReadN(**consumer, 600, &next), 600);
    EXPECT_EQ(listener.assigned, (std::set<int>{0, 1, 2}));
    auto assignment = (*consumer)->Assignment();
    ASSERT_TRUE(assignment.ok());
    EXPECT_EQ(assignment->size(), 3u);
    ASSERT_TRUE((*consumer)->Commit(next).ok());
    auto committed =
        (*consumer)->Committed({Partition(0), Partition(1), Partition(2)}, milliseconds(5000));
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    int64_t total = 0;
    for (const PartitionOffset& c : *committed) {
      for (const PartitionOffset& n : next) {
        if (n.partition == c.partition) {
          EXPECT_EQ(c.offset, n.offset);
        }
      }
      total += c.offset.value();
    }
    EXPECT_EQ(total, 600);  // offsets start at 0, so next offsets sum to the message count
    ASSERT_TRUE((*consumer)->Close().ok());
  }
  EXPECT_EQ(listener.revoked, (std::set<int>{0, 1, 2}));
  EXPECT_FALSE(listener.any_lost);

  // A new member of the same group starts at the committed offsets: nothing left to read.
  RecordingListener second;
  auto again = GroupConsumer::Create({.brokers = broker_->bootstrap(),
                                      .group_id = "test-group",
                                      .protocol = RebalanceProtocol::kEager,
                                      .properties = {kShortSession}},
                                     &second);
  ASSERT_TRUE(again.ok());
  std::vector<PartitionOffset> ignored;
  auto start = std::chrono::steady_clock::now();
  while (second.assigned.size() < 3 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    EXPECT_EQ(ReadN(**again, 1, &ignored, milliseconds(200)), 0);
  }
  EXPECT_EQ(second.assigned, (std::set<int>{0, 1, 2}));
  // Assigned, and nothing arrives: it starts at the committed offsets.
  EXPECT_EQ(ReadN(**again, 1, &ignored, milliseconds(1500)), 0);
}

TEST_F(GroupConsumerTest, ListenerChoosesStartOffsets) {
  RecordingListener listener(Offset(50));  // as bronze seeks to its table's offset + 1
  auto consumer =
      GroupConsumer::Create({.brokers = broker_->bootstrap(), .group_id = "seek-group"}, &listener);
  ASSERT_TRUE(consumer.ok()) << consumer.status().ToString();
  std::vector<PartitionOffset> next;
  EXPECT_EQ(ReadN(**consumer, 600 - 150, &next), 450);
  std::vector<PartitionOffset> extra;
  EXPECT_EQ(ReadN(**consumer, 1, &extra, milliseconds(1500)), 0);
}

class FailingListener : public RebalanceListener {
 public:
  Status OnAssigned(std::vector<PartitionOffset>&) override {
    return IoError("cannot read the table");
  }
  Status OnRevoked(const std::vector<PartitionOffset>&, bool) override { return Status::Ok(); }
};

TEST_F(GroupConsumerTest, ListenerErrorIsReturnedByPoll) {
  FailingListener listener;
  auto consumer =
      GroupConsumer::Create({.brokers = broker_->bootstrap(), .group_id = "fail-group"}, &listener);
  ASSERT_TRUE(consumer.ok());
  Status seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.ok() && std::chrono::steady_clock::now() < deadline) {
    auto message = (*consumer)->Poll(milliseconds(200));
    if (!message.ok()) seen = message.status();
  }
  EXPECT_EQ(seen.code(), StatusCode::kIoError);
  EXPECT_NE(seen.message().find("on assignment: cannot read the table"), std::string::npos)
      << seen.message();
}

}  // namespace
}  // namespace salesflow
