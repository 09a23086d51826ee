#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "delta/checkpoint_writer.h"
#include "delta/last_checkpoint.h"
#include "delta/local_storage.h"
#include "delta/log_cleanup.h"
#include "delta/log_files.h"
#include "delta/optimize.h"
#include "delta/vacuum.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

namespace fs = std::filesystem;
using testing::AppendBatch;
using testing::LoadLatest;
using testing::SalesBatch;
using testing::ScanRows;

constexpr int64_t kDayMs = int64_t{24} * 3600 * 1000;

TEST(MaintenanceTest, OptimizeBinPacksEachPartitionWithoutChangingRows) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AppendBatch(storage, SalesBatch(i * 20, 20, 2)).ok());
  Result<Snapshot> before = LoadLatest(storage);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->active_files().size(), 10u);
  std::vector<std::string> rows_before = *ScanRows(storage, *before);

  Result<OptimizeResult> result = Optimize(storage, *before);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->files_removed, 10);
  EXPECT_EQ(result->files_added, 2);
  ASSERT_TRUE(result->version.has_value());

  Result<Snapshot> after = LoadLatest(storage);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->active_files().size(), 2u);
  EXPECT_EQ(after->tombstones().size(), 10u);
  EXPECT_EQ(*ScanRows(storage, *after), rows_before);
  std::vector<Action> commit = *ReadCommit(storage, *result->version);
  for (const Action& a : commit) {
    if (const auto* add = std::get_if<AddFile>(&a)) {
      EXPECT_FALSE(add->data_change);
    }
    if (const auto* remove = std::get_if<RemoveFile>(&a)) {
      EXPECT_FALSE(remove->data_change);
    }
  }
  // Streaming readers see nothing new in the OPTIMIZE commit.
  EXPECT_TRUE(AddedFiles(storage, *result->version, *result->version)->empty());
  // Nothing left to compact: no commit.
  Result<OptimizeResult> again = Optimize(storage, *after);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->version.has_value());
}

TEST(MaintenanceTest, VacuumDeletesOnlyExpiredAndOldUnreferencedFiles) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(AppendBatch(storage, SalesBatch(i * 10, 10, 1)).ok());
  ASSERT_TRUE(Optimize(storage, *LoadLatest(storage)).ok());
  Result<Snapshot> snapshot = LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  std::vector<std::string> rows = *ScanRows(storage, *snapshot);
  // An orphan from a failed write, in a partition directory.
  std::string orphan = "date_vente=2024-12-16/part-00000-orphan-c000.zstd.parquet";
  std::ofstream(dir.path() + "/" + orphan) << "not committed";

  int64_t now = SystemClock::Instance().NowMillis();
  ManualClock clock(now * 1000);
  VacuumOptions options;
  options.clock = &clock;
  Result<VacuumResult> fresh =
      Vacuum(storage, *snapshot, *ListLocalTableFiles(dir.path()), options);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_TRUE(fresh->files.empty()) << "tombstones and the orphan are younger than 7 days";

  clock.Set((now + 8 * kDayMs) * 1000);
  options.dry_run = true;
  Result<VacuumResult> dry = Vacuum(storage, *snapshot, *ListLocalTableFiles(dir.path()), options);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->files.size(), 4u);  // 3 compacted files + the orphan
  for (const std::string& f : dry->files) EXPECT_TRUE(fs::exists(dir.path() + "/" + f)) << f;

  options.dry_run = false;
  Result<VacuumResult> done = Vacuum(storage, *snapshot, *ListLocalTableFiles(dir.path()), options);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->files, dry->files);
  for (const std::string& f : done->files) EXPECT_FALSE(fs::exists(dir.path() + "/" + f)) << f;
  EXPECT_TRUE(fs::exists(dir.path() + "/_delta_log/00000000000000000000.json"));
  EXPECT_EQ(*ScanRows(storage, *LoadLatest(storage)), rows);

  // A retention shorter than the table's needs the override.
  options.retention_ms = 3600 * 1000;
  EXPECT_EQ(Vacuum(storage, *snapshot, {}, options).status().code(), StatusCode::kInvalidArgument);
  options.allow_short_retention = true;
  EXPECT_TRUE(Vacuum(storage, *snapshot, {}, options).ok());
}

TEST(MaintenanceTest, LogCleanupKeepsACheckpointAndEveryLaterCommit) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(AppendBatch(storage, SalesBatch(i, 1, 1)).ok());
    if (i == 2) {
      ASSERT_TRUE(WriteCheckpoint(storage, *LoadLatest(storage)).ok());
    }
  }
  Result<Snapshot> snapshot = LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  std::vector<std::string> rows = *ScanRows(storage, *snapshot);

  ManualClock clock((SystemClock::Instance().NowMillis() + 10 * kDayMs) * 1000);
  LogCleanupOptions options;
  options.clock = &clock;
  Result<LogCleanupResult> young = CleanupExpiredLogs(storage, *snapshot, options);
  ASSERT_TRUE(young.ok());
  EXPECT_TRUE(young->deleted.empty()) << "commits are younger than 30 days";

  clock.Set((SystemClock::Instance().NowMillis() + 31 * kDayMs) * 1000);
  Result<LogCleanupResult> old = CleanupExpiredLogs(storage, *snapshot, options);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_TRUE(old->kept_from.has_value());
  EXPECT_EQ(*old->kept_from, TableVersion(3));
  EXPECT_EQ(old->deleted.size(), 3u);  // commits 0, 1, 2
  Result<LogListing> listing = ListLog(storage);
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->commits.front().version, TableVersion(3));
  Result<Snapshot> reloaded = LoadLatest(storage);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_EQ(reloaded->version(), snapshot->version());
  EXPECT_EQ(*ScanRows(storage, *reloaded), rows);
}

TEST(MaintenanceTest, AListingDuringLogCleanupOrFromAStaleHintStillLoads) {
  // Commits 0..8, checkpoints at 2 and 6. Then the log a reader can list while another
  // process's cleanup below checkpoint 6 is half done, after a slow writer re-wrote
  // checkpoint 2 and its _last_checkpoint behind it: commits 3 and 4 gone, checkpoint 2,
  // commit 2 and a hint naming 2 still there.
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(AppendBatch(storage, SalesBatch(i, 1, 1)).ok());
    if (i == 1 || i == 5) {
      ASSERT_TRUE(WriteCheckpoint(storage, *LoadLatest(storage)).ok());
    }
  }
  Result<Snapshot> before = LoadLatest(storage);
  ASSERT_TRUE(before.ok());
  const std::vector<std::string> rows = *ScanRows(storage, *before);
  // A slower writer of checkpoint 2 finishing last does not move the hint back from 6.
  ASSERT_TRUE(WriteCheckpoint(storage, *LoadLatest(storage, TableVersion(2))).ok());
  Result<std::string> hint = storage.ReadFile(LastCheckpointPath());
  ASSERT_TRUE(hint.ok());
  EXPECT_EQ(ParseLastCheckpoint(*hint)->version, TableVersion(6)) << *hint;
  // The half-done cleanup, and a hint left at 2 by a writer that lost that race.
  for (int v : {0, 1, 3, 4}) ASSERT_TRUE(storage.Delete(CommitPath(TableVersion(v))).ok());
  LastCheckpoint stale;
  stale.version = TableVersion(2);
  stale.size = 1;
  Result<std::string> temp =
      storage.WriteTemporary("_delta_log", SerializeLastCheckpoint(stale), "_last_checkpoint");
  ASSERT_TRUE(temp.ok());
  ASSERT_TRUE(storage.Rename(*temp, LastCheckpointPath()).ok());

  // Commit 2 then 5: the hole is below checkpoint 6, so the prefix is dropped, not an error.
  Result<LogListing> listing = ListLog(storage);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->commits.front().version, TableVersion(5));
  Result<Snapshot> after = LoadLatest(storage);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->version(), before->version());
  EXPECT_EQ(*ScanRows(storage, *after), rows);
  // Time travel into the hole says what is missing.
  Result<Snapshot> in_hole = LoadLatest(storage, TableVersion(4));
  EXPECT_EQ(in_hole.status().code(), StatusCode::kCorruption) << in_hole.status().ToString();

  // A hole no checkpoint covers stays an error.
  ASSERT_TRUE(storage.Delete(CommitPath(TableVersion(7))).ok());
  Result<LogListing> damaged = ListLog(storage);
  EXPECT_EQ(damaged.status().code(), StatusCode::kCorruption) << damaged.status().ToString();
}

}  // namespace
}  // namespace salesflow::delta
