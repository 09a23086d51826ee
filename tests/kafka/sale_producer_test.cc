#include "kafka/sale_producer.h"

#include <gtest/gtest.h>

#include "base/shutdown.h"
#include "event/catalog.h"
#include "kafka/mock_cluster.h"
#include "round_trip.h"

namespace salesflow {
namespace {

class SaleProducerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResetStopForTesting();
    auto broker = EmbeddedBroker::Start();
    ASSERT_TRUE(broker.ok()) << broker.status().ToString();
    broker_ = std::move(*broker);
    auto producer = Producer::Create({.brokers = broker_->bootstrap()});
    ASSERT_TRUE(producer.ok()) << producer.status().ToString();
    producer_ = std::move(*producer);
  }
  void TearDown() override { ResetStopForTesting(); }

  std::unique_ptr<EmbeddedBroker> broker_;
  std::unique_ptr<Producer> producer_;
  SaleGenerator generator_{DefaultCatalog(), SaleGeneratorOptions{.seed = 4, .first_vente_id = 77}};
};

TEST_F(SaleProducerTest, SendsCountEventsAndFlushes) {
  int64_t seen = 0;
  SaleProducerSummary summary;
  Status status = RunSaleProducer(
      *producer_, generator_,
      {.count = 500, .rate = 0, .on_sent = [&seen](const GeneratedMessage&) { ++seen; }}, &summary);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(seen, 500);
  EXPECT_EQ(summary.sent, 500);
  EXPECT_EQ(summary.delivered, 500);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.next_vente_id, 77 + 500);
  EXPECT_FALSE(summary.stopped);

  testing::ReadBack read;
  ASSERT_TRUE(testing::ReadAll(broker_->bootstrap(), "ventes_stream", &read).ok());
  EXPECT_EQ(read.count, 500);
  EXPECT_EQ(read.duplicate_vente_ids, 0);
}

TEST_F(SaleProducerTest, RatePacesEvents) {
  SaleProducerSummary summary;
  // 60 events at 200/s: event i is due at i / 200 s, so the last at 0.295 s.
  Status status = RunSaleProducer(*producer_, generator_, {.count = 60, .rate = 200}, &summary);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(summary.delivered, 60);
  EXPECT_GE(summary.seconds, 0.29);
  EXPECT_LT(summary.seconds, 5.0);
}

TEST_F(SaleProducerTest, StopRequestEndsTheRunAndFlushesWhatWasQueued) {
  SaleProducerSummary summary;
  int64_t seen = 0;
  Status status = RunSaleProducer(*producer_, generator_,
                                  {.count = 0,
                                   .rate = 1000,
                                   .on_sent =
                                       [&seen](const auto&) {
                                         if (++seen == 50) RequestStop();
                                       }},
                                  &summary);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_TRUE(summary.stopped);
  EXPECT_EQ(summary.sent, 50);
  EXPECT_EQ(summary.delivered, 50);
}

}  // namespace
}  // namespace salesflow
