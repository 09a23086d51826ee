// Silver's own retention (silver_maintenance_scenario.h: a run three hours ago, one now, 1 h
// retentions): the files removed in the first run are vacuumed, the active and recently
// removed ones stay, the expired commits before the checkpoint go, and the tables still read
// the same rows as a rebuild. A failing delete (FaultInjectingStorage) is logged and counted
// while commits go on.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/clock.h"
#include "delta/checkpoint_writer.h"
#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/optimize.h"
#include "pipeline/silver_job.h"
#include "pipeline/silver_output_table.h"
#include "pipeline/table_maintenance.h"
#include "silver_maintenance_scenario.h"
#include "silver_outputs.h"

namespace salesflow::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::DataFilePaths;
using testing::kCommitsPerRun;
using testing::kHourMs;

class SilverMaintenanceTest : public ::testing::Test {
 protected:
  // The rows of a from-scratch rebuild without maintenance.
  testing::SilverOutputs Reference() {
    auto [silver, gold] = scenario_.BuildReference();
    return testing::ReadSilverOutputs(silver, gold);
  }
  // The rows of the maintained tables.
  testing::SilverOutputs Maintained() {
    return testing::ReadSilverOutputs(scenario_.options().silver_dir, scenario_.options().gold_dir);
  }

  testing::SilverMaintenanceScenario scenario_;
};

TEST_F(SilverMaintenanceTest, NewTablesGetTheConfiguredRetentionProperties) {
  scenario_.Feed(1);
  SilverJobOptions options = scenario_.options();
  options.retention.deleted_file_retention_ms = 2 * kHourMs;
  options.retention.log_retention_ms = 3 * 24 * kHourMs;
  scenario_.Run(options);
  for (const std::string& table : scenario_.tables()) {
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    EXPECT_EQ(snapshot.Property("delta.deletedFileRetentionDuration"), "interval 2 hours");
    EXPECT_EQ(snapshot.Property("delta.logRetentionDuration"), "interval 3 days");
    EXPECT_EQ(snapshot.Property("delta.checkpointInterval"), "10");
  }
}

TEST_F(SilverMaintenanceTest, ATableWithoutThePropertiesGetsTheConfiguredRetention) {
  // The bronze table has neither property: Delta's defaults would keep 7 days of removed files
  // and 30 days of log.
  scenario_.Feed(6);
  const std::string dir = scenario_.options().bronze_dir;
  delta::LocalStorage storage(dir);
  delta::Snapshot before = testing::LoadLatestSnapshot(dir);
  ASSERT_FALSE(before.Property("delta.deletedFileRetentionDuration").has_value());
  ASSERT_FALSE(before.Property("delta.logRetentionDuration").has_value());
  auto optimized = delta::Optimize(storage, before);  // removes the small files, now
  ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
  ASSERT_GT(optimized->files_removed, 0);
  delta::Snapshot compacted = testing::LoadLatestSnapshot(dir);
  ASSERT_TRUE(delta::WriteCheckpoint(storage, compacted).ok());

  TableRetention retention;  // 1 hour of removed files
  retention.log_retention_ms = kHourMs;
  ManualClock later((SystemClock::Instance().NowMillis() + 2 * kHourMs) * 1000);
  auto report = MaintainTable(storage, dir, retention, later);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const std::set<std::string> removed = DataFilePaths(compacted, /*tombstones=*/true);
  EXPECT_EQ(report->files_deleted, static_cast<int64_t>(removed.size()));
  for (const std::string& path : removed) EXPECT_FALSE(fs::exists(dir + "/" + path)) << path;
  for (const std::string& path : DataFilePaths(compacted, /*tombstones=*/false)) {
    EXPECT_TRUE(fs::exists(dir + "/" + path)) << path;
  }
  EXPECT_EQ(report->log_start, compacted.version());
  EXPECT_EQ(report->log_files_deleted, compacted.version().value());  // commits 0..v-1
  delta::Snapshot after = testing::LoadLatestSnapshot(dir);
  EXPECT_EQ(after.version(), compacted.version());
  EXPECT_EQ(DataFilePaths(after, /*tombstones=*/false),
            DataFilePaths(compacted, /*tombstones=*/false));
}

TEST_F(SilverMaintenanceTest, VacuumsExpiredRemovedFilesAndCleansTheLogBeforeTheCheckpoint) {
  std::map<std::string, std::set<std::string>> removed_then = scenario_.RunThreeHoursAgo();
  std::map<std::string, int64_t> last_old_version;
  std::map<std::string, std::set<std::string>> active_then;
  for (const std::string& table : scenario_.tables()) {
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    last_old_version[table] = snapshot.version().value();
    active_then[table] = DataFilePaths(snapshot, /*tombstones=*/false);
  }

  scenario_.Feed(kCommitsPerRun);
  SilverJobSummary s = scenario_.Run();  // now, on the system clock
  EXPECT_EQ(s.maintenance_failures, 0);
  EXPECT_GE(s.maintenance_runs, 7);
  int64_t expected_vacuumed = 0;
  for (const std::string& table : scenario_.tables()) {
    SCOPED_TRACE(table);
    delta::Snapshot snapshot = testing::LoadLatestSnapshot(table);
    // (a) Every active file and every file removed in this run (an hour has not passed) stays,
    // including the files that were active three hours ago and were removed just now.
    for (const std::string& path : DataFilePaths(snapshot, /*tombstones=*/false)) {
      EXPECT_TRUE(fs::exists(table + "/" + path)) << "active " << path;
    }
    for (const std::string& path : DataFilePaths(snapshot, /*tombstones=*/true)) {
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
  testing::ExpectSameOutputs(Maintained(), Reference());
  scenario_.Feed(1);
  SilverJobSummary after = scenario_.Run();
  EXPECT_EQ(after.rebuilds, 0);
  EXPECT_EQ(after.rows_folded, testing::kRowsPerCommit);
}

TEST_F(SilverMaintenanceTest, AFailedMaintenanceIsLoggedAndCountedWhileCommitsGoOn) {
  std::map<std::string, std::set<std::string>> removed_then = scenario_.RunThreeHoursAgo();
  // Each table's maintenance storage fails its first delete: the first pass of every table
  // (which has expired files to vacuum) fails.
  SilverJobOptions faulty = scenario_.options();
  faulty.retention.wrap_storage = [](delta::Storage& inner) -> std::unique_ptr<delta::Storage> {
    auto storage = std::make_unique<delta::FaultInjectingStorage>(inner);
    storage->Arm("storage.delete", delta::FaultKind::kError);
    return storage;
  };
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(4096);
  spdlog::default_logger()->sinks().push_back(sink);
  scenario_.Feed(kCommitsPerRun);
  SilverJobSummary s = scenario_.Run(faulty);
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
  const int64_t bronze_version =
      testing::LoadLatestSnapshot(scenario_.options().bronze_dir).version().value();
  EXPECT_EQ(s.bronze_version, bronze_version);
  EXPECT_EQ(s.gold_commits, kCommitsPerRun);
  for (const std::string& table : scenario_.tables()) {
    EXPECT_EQ(testing::LoadLatestSnapshot(table).TxnVersion(kSilverAppId), bronze_version) << table;
  }
  testing::ExpectSameOutputs(Maintained(), Reference());

  // The next pass, after a later checkpoint, deletes what the failed one left.
  scenario_.Feed(kCommitsPerRun);
  SilverJobSummary next = scenario_.Run();
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
