#include "silver_maintenance_scenario.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <utility>

#include "base/clock.h"
#include "delta/partition_path.h"
#include "silver_outputs.h"

namespace salesflow::testing {
namespace {

namespace fs = std::filesystem;

// Sets the modification time of every file under `dir` (data and log) to `ms`.
void Backdate(const std::string& dir, int64_t ms) {
  const auto when = std::chrono::file_clock::from_sys(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) fs::last_write_time(e.path(), when);
  }
}

}  // namespace

std::set<std::string> DataFilePaths(const delta::Snapshot& snapshot, bool tombstones) {
  std::set<std::string> out;
  if (tombstones) {
    for (const auto& [key, remove] : snapshot.tombstones()) {
      out.insert(*delta::CanonicalFilePath(remove.path));
    }
  } else {
    for (const auto& [key, add] : snapshot.active_files()) {
      out.insert(*delta::CanonicalFilePath(add.path));
    }
  }
  return out;
}

SilverMaintenanceScenario::SilverMaintenanceScenario() {
  options_.bronze_dir = dir_.Sub("bronze");
  options_.silver_dir = dir_.Sub("silver");
  options_.gold_dir = dir_.Sub("gold");
  options_.until_caught_up = true;
  options_.sync = false;
  options_.poll = std::chrono::milliseconds(1);
  options_.bucket_count = 4;
  // One bronze commit per step and a commit round after each: one output commit per bronze
  // commit, like a live stream with a commit every second.
  options_.max_commits_per_step = 1;
  options_.silver_interval = std::chrono::microseconds(0);
  options_.gold_interval = std::chrono::microseconds(0);
  options_.retention.deleted_file_retention_ms = kHourMs;
  options_.retention.log_retention_ms = kHourMs;
  options_.checkpoint_interval = kScenarioCheckpointInterval;
  FeedOptions feed;
  feed.clients = 40;
  feed.rows_per_epoch = 200;
  auto feeder = BronzeFeeder::Open(options_.bronze_dir, feed);
  EXPECT_TRUE(feeder.ok()) << feeder.status().ToString();
  if (feeder.ok()) feeder_ = std::move(feeder).value();
  for (const std::string& name : GoldTableNames()) {
    tables_.push_back(options_.gold_dir + "/" + name);
  }
  tables_.push_back(options_.silver_dir);
}

void SilverMaintenanceScenario::Feed(int commits) {
  ASSERT_NE(feeder_, nullptr);
  for (int i = 0; i < commits; ++i) ASSERT_TRUE(feeder_->Commit(kRowsPerCommit).ok());
}

pipeline::SilverJobSummary SilverMaintenanceScenario::Run(
    const pipeline::SilverJobOptions& options) {
  pipeline::SilverJobSummary summary;
  Status status = pipeline::RunSilverJob(options, &summary);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return summary;
}

std::map<std::string, std::set<std::string>> SilverMaintenanceScenario::RunThreeHoursAgo() {
  const int64_t then = SystemClock::Instance().NowMillis() - 3 * kHourMs;
  ManualClock clock(then * 1000);
  pipeline::SilverJobOptions past = options_;
  past.clock = &clock;
  Feed(1);
  Run(past);  // the first build, then one output commit per bronze commit
  Feed(kCommitsPerRun);
  pipeline::SilverJobSummary s = Run(past);
  EXPECT_EQ(s.maintenance_failures, 0);
  EXPECT_GE(s.maintenance_runs, 7);  // each table passed a checkpoint
  EXPECT_EQ(s.files_vacuumed, 0);    // nothing was old yet
  EXPECT_EQ(s.log_files_deleted, 0);
  std::map<std::string, std::set<std::string>> removed;
  for (const std::string& table : tables_) {
    delta::Snapshot snapshot = LoadLatestSnapshot(table);
    EXPECT_GE(snapshot.version().value(), kCommitsPerRun) << table;
    removed[table] = DataFilePaths(snapshot, /*tombstones=*/true);
    EXPECT_FALSE(removed[table].empty()) << table;
    for (const std::string& path : removed[table]) {
      EXPECT_TRUE(fs::exists(table + "/" + path)) << table << "/" << path;
    }
    Backdate(table, then);
  }
  return removed;
}

std::pair<std::string, std::string> SilverMaintenanceScenario::BuildReference() {
  pipeline::SilverJobOptions fresh = options_;
  fresh.silver_dir = dir_.Sub("ref-silver");
  fresh.gold_dir = dir_.Sub("ref-gold");
  fresh.retention.enabled = false;
  Run(fresh);
  return {fresh.silver_dir, fresh.gold_dir};
}

}  // namespace salesflow::testing
