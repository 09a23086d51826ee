// Silver's own retention: RunSilverJob in-process over a bronze table with many commits
// (silver_feed.h), one output commit per bronze commit, so each table passes a checkpoint
// (interval 10 here instead of 100, to keep the test at seconds under ASan).
// A first run happens "three hours ago" (an injected clock for the commits' deletion times,
// then every file of the tables backdated), a second one now: the files removed in the first
// are vacuumed, the active and recently removed ones stay, the expired commits before the
// checkpoint go, and the tables still read the same rows as a rebuild. A failing delete
// (FaultInjectingStorage) is logged and counted while commits go on.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "bronze_test_support.h"
#include "delta/fault_injecting_storage.h"
#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "pipeline/silver_job.h"
#include "pipeline/silver_output_table.h"
#include "silver_feed.h"
#include "silver_outputs.h"

namespace salesflow::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::BronzeFeeder;
using testing::TempDir;

constexpr int64_t kHourMs = int64_t{3600} * 1000;
// delta.checkpointInterval of the tables here (silver's is 100: same logic, fewer commits).
constexpr int64_t kCheckpointInterval = 10;
// Bronze commits per run: more than one interval, so every output table writes at least one
// checkpoint in each run (a skipped multiple is caught up at the latest when the run ends)
// and maintenance follows it.
constexpr int kCommitsPerRun = 15;

int64_t NowMs() {
  return SystemClock::Instance().NowMillis();
}

// Sets the modification time of every file under `dir` (data and log) to `ms`.
void Backdate(const std::string& dir, int64_t ms) {
  const auto when = std::chrono::file_clock::from_sys(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) fs::last_write_time(e.path(), when);
  }
}

// Table-relative data file paths, as on disk.
std::set<std::string> Paths(const delta::Snapshot& snapshot, bool tombstones) {
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

class SilverMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
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
    options_.checkpoint_interval = kCheckpointInterval;
    testing::FeedOptions feed;
    feed.clients = 40;
    feed.rows_per_epoch = 200;
    auto feeder = BronzeFeeder::Open(options_.bronze_dir, feed);
    ASSERT_TRUE(feeder.ok()) << feeder.status().ToString();
    feeder_ = std::move(feeder).value();
    for (const std::string& name : testing::GoldTableNames()) {
      tables_.push_back(options_.gold_dir + "/" + name);
    }
    tables_.push_back(options_.silver_dir);
  }

  void Feed(int commits) {
    for (int i = 0; i < commits; ++i) ASSERT_TRUE(feeder_->Commit(12).ok());
  }

  SilverJobSummary Run(const SilverJobOptions& options) {
    SilverJobSummary summary;
    Status status = RunSilverJob(options, &summary);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return summary;
  }

  // The first run, three hours ago: commits stamped then by the clock, files dated then.
  // Returns, per table, the files removed during it.
  std::map<std::string, std::set<std::string>> RunThreeHoursAgo() {
    const int64_t then = NowMs() - 3 * kHourMs;
    ManualClock clock(then * 1000);
    SilverJobOptions past = options_;
    past.clock = &clock;
    Feed(1);
    Run(past);  // the first build, then one output commit per bronze commit
    Feed(kCommitsPerRun);
    SilverJobSummary s = Run(past);
    EXPECT_EQ(s.maintenance_failures, 0);
    EXPECT_GE(s.maintenance_runs, 7);  // each table passed a checkpoint
    EXPECT_EQ(s.files_vacuumed, 0);    // nothing was old yet
    EXPECT_EQ(s.log_files_deleted, 0);
    std::map<std::string, std::set<std::string>> removed;
    for (const std::string& table : tables_) {
      delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
      EXPECT_GE(snapshot.version().value(), kCommitsPerRun) << table;
      removed[table] = Paths(snapshot, /*tombstones=*/true);
      EXPECT_FALSE(removed[table].empty()) << table;
      for (const std::string& path : removed[table]) {
        EXPECT_TRUE(fs::exists(table + "/" + path)) << table << "/" << path;
      }
      Backdate(table, then);
    }
    return removed;
  }

  // A from-scratch rebuild without maintenance into fresh folders: the reference rows.
  testing::SilverOutputs Reference() {
    SilverJobOptions fresh = options_;
    fresh.silver_dir = dir_.Sub("ref-silver");
    fresh.gold_dir = dir_.Sub("ref-gold");
    fresh.retention.enabled = false;
    Run(fresh);
    return testing::ReadSilverOutputs(fresh.silver_dir, fresh.gold_dir);
  }

  TempDir dir_;
  SilverJobOptions options_;
  std::unique_ptr<BronzeFeeder> feeder_;
  std::vector<std::string> tables_;  // every output table's folder
};

TEST_F(SilverMaintenanceTest, NewTablesGetTheConfiguredRetentionProperties) {
  Feed(1);
  options_.retention.deleted_file_retention_ms = 2 * kHourMs;
  options_.retention.log_retention_ms = 3 * 24 * kHourMs;
  Run(options_);
  for (const std::string& table : tables_) {
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    EXPECT_EQ(snapshot.Property("delta.deletedFileRetentionDuration"), "interval 2 hours");
    EXPECT_EQ(snapshot.Property("delta.logRetentionDuration"), "interval 3 days");
    EXPECT_EQ(snapshot.Property("delta.checkpointInterval"), "10");
  }
}

TEST_F(SilverMaintenanceTest, VacuumsExpiredRemovedFilesAndCleansTheLogBeforeTheCheckpoint) {
  std::map<std::string, std::set<std::string>> removed_then = RunThreeHoursAgo();
  std::map<std::string, int64_t> last_old_version;
  std::map<std::string, std::set<std::string>> active_then;
  for (const std::string& table : tables_) {
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    last_old_version[table] = snapshot.version().value();
    active_then[table] = Paths(snapshot, /*tombstones=*/false);
  }

  Feed(kCommitsPerRun);
  SilverJobSummary s = Run(options_);  // now, on the system clock
  EXPECT_EQ(s.maintenance_failures, 0);
  EXPECT_GE(s.maintenance_runs, 7);
  int64_t expected_vacuumed = 0;
  for (const std::string& table : tables_) {
    SCOPED_TRACE(table);
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    // (a) Every active file and every file removed in this run (an hour has not passed) stays,
    // including the files that were active three hours ago and were removed just now.
    for (const std::string& path : Paths(snapshot, /*tombstones=*/false)) {
      EXPECT_TRUE(fs::exists(table + "/" + path)) << "active " << path;
    }
    for (const std::string& path : Paths(snapshot, /*tombstones=*/true)) {
      EXPECT_TRUE(fs::exists(table + "/" + path)) << "recently removed " << path;
    }
    for (const std::string& path : active_then[table]) {
      EXPECT_TRUE(fs::exists(table + "/" + path)) << "removed in this run " << path;
    }
    // ... and every file removed three hours ago is gone.
    for (const std::string& path : removed_then[table]) {
      EXPECT_FALSE(fs::exists(table + "/" + path)) << "expired " << path;
    }
    expected_vacuumed += static_cast<int64_t>(removed_then[table].size());

    // (b) The log starts at the newest checkpoint that only expired commits precede (those
    // of three hours ago end at last_old_version): every commit from it on is there, nothing
    // below it is.
    delta::LocalStorage storage(table);
    auto listing = delta::ListLog(storage, delta::TableVersion(0));
    ASSERT_TRUE(listing.ok()) << listing.status().ToString();
    std::optional<int64_t> start;
    for (const delta::CheckpointInstance& cp : listing->checkpoints) {
      if (cp.version.value() <= last_old_version[table] + 1) start = cp.version.value();
    }
    ASSERT_TRUE(start.has_value()) << "no checkpoint among the old commits";
    EXPECT_GT(*start, 0);
    EXPECT_EQ(listing->checkpoints.front().version.value(), *start) << "an older checkpoint left";
    ASSERT_FALSE(listing->commits.empty());
    EXPECT_EQ(listing->commits.front().version.value(), *start);
    EXPECT_EQ(listing->commits.back().version.value(), snapshot.version().value());
    EXPECT_EQ(static_cast<int64_t>(listing->commits.size()),
              snapshot.version().value() - *start + 1)
        << "a gap in the commits after the checkpoint";
    EXPECT_FALSE(fs::exists(table + "/_delta_log/00000000000000000000.json"));
  }
  EXPECT_EQ(s.files_vacuumed, expected_vacuumed);  // exactly the expired ones
  EXPECT_GT(s.log_files_deleted, 0);

  // The tables still load at their latest version (from the checkpoint) with the rows a
  // rebuild gives, and silver restarts on them without rebuilding.
  testing::ExpectSameOutputs(testing::ReadSilverOutputs(options_.silver_dir, options_.gold_dir),
                             Reference());
  Feed(1);
  SilverJobSummary after = Run(options_);
  EXPECT_EQ(after.rebuilds, 0);
  EXPECT_EQ(after.rows_folded, 12);
}

TEST_F(SilverMaintenanceTest, AFailedMaintenanceIsLoggedAndCountedWhileCommitsGoOn) {
  std::map<std::string, std::set<std::string>> removed_then = RunThreeHoursAgo();
  // Each table's maintenance storage fails its first delete: the first pass of every table
  // (which has expired files to vacuum) fails.
  options_.retention.wrap_storage = [](delta::Storage& inner) -> std::unique_ptr<delta::Storage> {
    auto faulty = std::make_unique<delta::FaultInjectingStorage>(inner);
    faulty->Arm("storage.delete", delta::FaultKind::kError);
    return faulty;
  };
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(4096);
  spdlog::default_logger()->sinks().push_back(sink);
  Feed(kCommitsPerRun);
  SilverJobSummary s = Run(options_);
  spdlog::default_logger()->sinks().pop_back();

  EXPECT_EQ(s.maintenance_failures, 7);  // one per table, then the fault is spent
  int warnings = 0;
  for (const std::string& line : sink->last_formatted()) {
    if (line.find("maintenance of") != std::string::npos &&
        line.find("failed") != std::string::npos) {
      ++warnings;
    }
  }
  EXPECT_EQ(warnings, 7);
  // Commits went on: every bronze commit was committed to every table.
  const int64_t bronze_version = testing::LoadLatestSnapshot(options_.bronze_dir).version().value();
  EXPECT_EQ(s.bronze_version, bronze_version);
  EXPECT_EQ(s.gold_commits, kCommitsPerRun);
  for (const std::string& table : tables_) {
    EXPECT_EQ(testing::LoadLatestSnapshot(table).TxnVersion(kSilverAppId), bronze_version) << table;
  }
  testing::ExpectSameOutputs(testing::ReadSilverOutputs(options_.silver_dir, options_.gold_dir),
                             Reference());

  // The next pass, after a later checkpoint, deletes what the failed one left.
  options_.retention.wrap_storage = nullptr;
  Feed(kCommitsPerRun);
  SilverJobSummary next = Run(options_);
  EXPECT_EQ(next.maintenance_failures, 0);
  EXPECT_GE(next.maintenance_runs, 7);
  for (const auto& [table, paths] : removed_then) {
    for (const std::string& path : paths) {
      EXPECT_FALSE(fs::exists(table + "/" + path)) << table << "/" << path;
    }
  }
}

}  // namespace
}  // namespace salesflow::pipeline
