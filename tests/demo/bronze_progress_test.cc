// BronzeProgress (cli/bronze_progress.h): what the demo reads from the bronze log to resume
// (largest vente_id) and to pace its producer (messages committed per partition), on tables
// written with the Delta API by the silver tests' BronzeFeeder (vente_id = row + 1, txn of
// partition 0 = last row).

#include "cli/bronze_progress.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "silver_feed.h"

namespace salesflow {
namespace {

class BronzeProgressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("salesflow-bronze-progress-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(BronzeProgressTest, MissingTableIsEmpty) {
  BronzeProgress progress(dir_ / "delta_ventes_table", "ventes_stream");
  ASSERT_TRUE(progress.Refresh().ok());
  EXPECT_FALSE(progress.exists());
  auto max = progress.MaxVenteId();
  ASSERT_TRUE(max.ok());
  EXPECT_FALSE(max->has_value());
  EXPECT_EQ(progress.Ingested(3), 0);
  EXPECT_FALSE(progress.HasStoredOffsets());
  EXPECT_EQ(progress.kafka_epoch(), 0);
  EXPECT_EQ(progress.version(), -1);
}

TEST_F(BronzeProgressTest, ReadsMaxVenteIdAndFollowsCommittedOffsets) {
  const std::string table = (dir_ / "delta_ventes_table").string();
  auto feeder = testing::BronzeFeeder::Open(table, {});
  ASSERT_TRUE(feeder.ok()) << feeder.status().ToString();
  ASSERT_TRUE((*feeder)->Commit(300).ok());
  BronzeProgress progress(table, "ventes_stream");
  ASSERT_TRUE(progress.Refresh().ok());
  ASSERT_TRUE(progress.exists());
  EXPECT_EQ(progress.Ingested(3), 300);  // partition 0 up to offset 299
  EXPECT_TRUE(progress.HasStoredOffsets());
  EXPECT_EQ(progress.kafka_epoch(), 0);

  // A later commit is seen by the incremental refresh.
  auto version = (*feeder)->Commit(250);
  ASSERT_TRUE(version.ok());
  ASSERT_TRUE(progress.Refresh().ok());
  EXPECT_EQ(progress.version(), *version);
  EXPECT_EQ(progress.Ingested(3), 550);
  EXPECT_EQ(progress.Ingested(0), 0);
  auto max = progress.MaxVenteId();
  ASSERT_TRUE(max.ok()) << max.status().ToString();
  ASSERT_TRUE(max->has_value());
  EXPECT_EQ(**max, 550);

  // Another topic's offsets are not this topic's.
  BronzeProgress other(table, "another_topic");
  ASSERT_TRUE(other.Refresh().ok());
  EXPECT_EQ(other.Ingested(3), 0);
  EXPECT_FALSE(other.HasStoredOffsets());
}

}  // namespace
}  // namespace salesflow
