#include "delta/checkpoint_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/optimize.h"
#include "delta/parquet_checkpoint_reader.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_paths.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

using testing::AppendBatch;
using testing::SalesBatch;

// Replays the JSON commits only (no checkpoint reader): the reference state.
Snapshot Replay(Storage& storage, std::optional<TableVersion> version = {}) {
  SnapshotOptions options;
  options.version = version;
  Result<Snapshot> s = LoadSnapshot(storage, options);
  SF_CHECK(s.ok());
  return *s;
}

Result<Snapshot> FromCheckpoint(Storage& storage, std::optional<TableVersion> version = {}) {
  ParquetCheckpointReader reader;
  SnapshotOptions options;
  options.checkpoint_reader = &reader;
  options.version = version;
  return LoadSnapshot(storage, options);
}

void ExpectSameState(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.version(), b.version());
  EXPECT_EQ(a.protocol(), b.protocol());
  EXPECT_EQ(a.metadata(), b.metadata());
  EXPECT_EQ(a.txns(), b.txns());
  ASSERT_EQ(a.active_files().size(), b.active_files().size());
  for (const auto& [key, add] : a.active_files()) {
    auto it = b.active_files().find(key);
    ASSERT_NE(it, b.active_files().end()) << key;
    EXPECT_EQ(add, it->second) << key;
  }
  ASSERT_EQ(a.tombstones().size(), b.tombstones().size());
  for (const auto& [key, remove] : a.tombstones()) {
    auto it = b.tombstones().find(key);
    ASSERT_NE(it, b.tombstones().end()) << key;
    EXPECT_EQ(remove.path, it->second.path);
    EXPECT_EQ(remove.deletion_timestamp, it->second.deletion_timestamp);
    EXPECT_EQ(remove.data_change, it->second.data_change);
  }
}

// A table with appends, a txn, an OPTIMIZE (removes) and a null partition.
void BuildTable(Storage& storage, int appends = 4) {
  testing::CreateSalesTable(storage, {{"delta.checkpointInterval", "3"}});
  for (int i = 0; i < appends; ++i) {
    ASSERT_TRUE(AppendBatch(storage, SalesBatch(i * 10, 10, 2), "app", i).ok());
  }
  Result<Snapshot> s = testing::LoadLatest(storage);
  ASSERT_TRUE(s.ok());
  OptimizeOptions o;
  o.target_file_size = 1 << 20;
  ASSERT_TRUE(Optimize(storage, *s, o).ok());
}

TEST(CheckpointTest, RoundTripGivesTheReplayedSnapshot) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  BuildTable(storage);
  Snapshot replayed = Replay(storage);
  ASSERT_FALSE(replayed.tombstones().empty());
  Result<CheckpointStats> stats = WriteCheckpoint(storage, replayed);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->num_add_files, static_cast<int64_t>(replayed.active_files().size()));
  EXPECT_EQ(
      stats->num_actions,
      2 + 1 + static_cast<int64_t>(replayed.active_files().size() + replayed.tombstones().size()));
  std::string last = *storage.ReadFile("_delta_log/_last_checkpoint");
  EXPECT_EQ(last.find("\"parts\""), std::string::npos) << last;
  EXPECT_NE(last.find("\"numOfAddFiles\""), std::string::npos) << last;

  Result<Snapshot> loaded = FromCheckpoint(storage);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameState(replayed, *loaded);
  // And the rows are the same through the checkpoint.
  EXPECT_EQ(*testing::ScanRows(storage, replayed), *testing::ScanRows(storage, *loaded));

  // One more commit after the checkpoint replays on top of it.
  ASSERT_TRUE(AppendBatch(storage, SalesBatch(100, 3, 1), "app", 99).ok());
  Result<Snapshot> later = FromCheckpoint(storage);
  ASSERT_TRUE(later.ok());
  ExpectSameState(Replay(storage), *later);
}

TEST(CheckpointTest, CorruptLastCheckpointFallsBackToListing) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  BuildTable(storage, 2);
  ASSERT_TRUE(WriteCheckpoint(storage, Replay(storage)).ok());
  std::ofstream(dir.path() + "/_delta_log/_last_checkpoint", std::ios::trunc) << "{\"version\":";
  Result<Snapshot> loaded = FromCheckpoint(storage);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameState(Replay(storage), *loaded);
  // A hint naming a checkpoint that does not exist is ignored too.
  std::ofstream(dir.path() + "/_delta_log/_last_checkpoint", std::ios::trunc)
      << "{\"version\":1,\"size\":3}";
  loaded = FromCheckpoint(storage);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameState(Replay(storage), *loaded);
}

TEST(CheckpointTest, CrashAtEveryCheckpointPointLeavesNoHalfCheckpoint) {
  const std::vector<std::string> points = {fault_points::kCheckpointAfterTempWrite,
                                           fault_points::kCheckpointBeforeRename,
                                           fault_points::kCheckpointAfterRename,
                                           fault_points::kLastCheckpointBeforeRename,
                                           "storage.write_temporary",
                                           "storage.rename"};
  for (const std::string& point : points) {
    for (FaultKind kind : {FaultKind::kCrash, FaultKind::kError}) {
      SCOPED_TRACE(point + (kind == FaultKind::kCrash ? " crash" : " error"));
      testing::TestTableDir dir;
      LocalStorage storage(dir.path());
      BuildTable(storage, 2);
      Snapshot replayed = Replay(storage);
      FaultInjectingStorage faulty(storage);
      faulty.Arm(point, kind);
      Status written = WriteCheckpoint(faulty, replayed).status();
      EXPECT_FALSE(written.ok());
      EXPECT_GE(faulty.hits().count(point), 1u);
      // The next process: whatever is visible is complete and gives the same state.
      LocalStorage fresh(dir.path());
      Result<LogListing> listing = ListLog(fresh);
      ASSERT_TRUE(listing.ok());
      for (const CheckpointInstance& cp : listing->checkpoints) {
        ParquetCheckpointReader reader;
        Result<std::vector<Action>> actions = reader.Read(fresh, cp);
        ASSERT_TRUE(actions.ok()) << actions.status().ToString();
      }
      Result<Snapshot> loaded = FromCheckpoint(fresh);
      ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
      ExpectSameState(replayed, *loaded);
      // And the next writer checkpoints fine.
      ASSERT_TRUE(WriteCheckpoint(fresh, replayed).ok());
      ASSERT_TRUE(FromCheckpoint(fresh).ok());
    }
  }
}

TEST(CheckpointTest, MaybeCheckpointFollowsTheInterval) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage, {{"delta.checkpointInterval", "3"}});
  ParquetCheckpointReader reader;
  std::vector<int64_t> written;
  for (int i = 1; i <= 7; ++i) {
    ASSERT_TRUE(AppendBatch(storage, SalesBatch(i, 1, 1)).ok());
    Result<bool> wrote = MaybeCheckpoint(storage, reader);
    ASSERT_TRUE(wrote.ok()) << wrote.status().ToString();
    if (*wrote) written.push_back(i);
  }
  EXPECT_EQ(written, (std::vector<int64_t>{3, 6}));
  Result<Snapshot> s = FromCheckpoint(storage);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(CheckpointInterval(*s), 3);
}

// Golden tables of delta-io/delta: multi-part and V2 checkpoints give what JSON replay gives.
TEST(CheckpointTest, ReadsGoldenMultiPartAndV2Checkpoints) {
  std::filesystem::path golden = salesflow::testing::SharedTestdataDir() / "delta-golden";
  for (const char* name : {"multi-part-checkpoint", "v2-checkpoint-json", "v2-checkpoint-parquet",
                           "checkpoint", "corrupted-last-checkpoint"}) {
    SCOPED_TRACE(name);
    std::filesystem::path table = golden / name;
    if (std::filesystem::exists(table / "delta")) table /= "delta";
    ASSERT_TRUE(std::filesystem::exists(table / "_delta_log")) << table;
    LocalStorage storage(table.string());
    Result<LogListing> listing = ListLog(storage);
    ASSERT_TRUE(listing.ok()) << listing.status().ToString();
    ASSERT_FALSE(listing->checkpoints.empty());
    Result<Snapshot> loaded = FromCheckpoint(storage);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    SnapshotOptions plain;
    Result<Snapshot> replayed = LoadSnapshot(storage, plain);
    if (replayed.ok() && listing->commits.front().version == TableVersion(0)) {
      EXPECT_EQ(loaded->active_files().size(), replayed->active_files().size());
      for (const auto& [key, add] : replayed->active_files()) {
        EXPECT_EQ(loaded->active_files().count(key), 1u) << key;
      }
      EXPECT_EQ(loaded->metadata().schema_string, replayed->metadata().schema_string);
    }
    if (std::string_view(name).find("checkpoint") != std::string_view::npos &&
        std::string_view(name) != "checkpoint") {
      EXPECT_FALSE(loaded->active_files().empty());
    }
  }
}

}  // namespace
}  // namespace salesflow::delta
