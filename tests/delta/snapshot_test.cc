#include "delta/snapshot.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

Result<Snapshot> LoadGolden(const std::string& table, SnapshotOptions options = {}) {
  LocalStorage storage(testing::GoldenTablesDir() + "/" + table);
  return LoadSnapshot(storage, options);
}

std::set<std::string> ActivePaths(const Snapshot& snapshot) {
  std::set<std::string> paths;
  for (const auto& [key, add] : snapshot.active_files()) paths.insert(add.path);
  return paths;
}

TEST(SnapshotTest, RemoveMatchesAddAfterUriDecoding) {
  // v0 adds "special%20p@%23h", v1 removes it: nothing is left.
  auto v0 = LoadGolden("log-replay-special-characters-a", {.version = TableVersion(0)});
  ASSERT_TRUE(v0.ok()) << v0.status().ToString();
  EXPECT_EQ(ActivePaths(*v0), std::set<std::string>{"special%20p@%23h"});
  auto latest = LoadGolden("log-replay-special-characters-a");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version(), TableVersion(1));
  EXPECT_TRUE(latest->active_files().empty());
  EXPECT_EQ(latest->tombstones().size(), 1u);
}

TEST(SnapshotTest, FileSchemesAreCanonicalized) {
  for (const char* table : {"canonicalized-paths-normal-a", "canonicalized-paths-normal-b",
                            "canonicalized-paths-special-a", "canonicalized-paths-special-b"}) {
    auto snapshot = LoadGolden(table);
    ASSERT_TRUE(snapshot.ok()) << table << ": " << snapshot.status().ToString();
    EXPECT_TRUE(snapshot->active_files().empty()) << table;
  }
}

TEST(SnapshotTest, DeleteThenReAddKeepsTheLatestAdd) {
  auto snapshot = LoadGolden("delete-re-add-same-file-different-transactions");
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ(ActivePaths(*snapshot), (std::set<std::string>{"bar", "foo"}));
  for (const auto& [key, add] : snapshot->active_files()) {
    if (add.path == "foo") {
      EXPECT_EQ(add.modification_time, 1700000000000);
    }
  }
  EXPECT_TRUE(snapshot->tombstones().empty());
  EXPECT_EQ(snapshot->total_bytes(), 2);
}

TEST(SnapshotTest, LatestProtocolAndMetadataWin) {
  auto v1 = LoadGolden("log-replay-latest-metadata-protocol", {.version = TableVersion(1)});
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->protocol().min_reader_version, 1);
  EXPECT_NE(v1->metadata().schema_string.find("col2"), std::string::npos);
  EXPECT_EQ(v1->active_files().size(), 4u);
  auto v2 = LoadGolden("log-replay-latest-metadata-protocol");
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->protocol().min_reader_version, 3);
  EXPECT_EQ(v2->protocol().min_writer_version, 7);
}

TEST(SnapshotTest, DeletionVectorsAreRefusedByName) {
  auto snapshot = LoadGolden("log-replay-dv-key-cases");
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(snapshot.status().message().find("deletionVectors"), std::string::npos);
  // Without the protocol check the (path, DV) keys still replay: one logical file remains.
  auto raw = LoadGolden("log-replay-dv-key-cases", {.check_read_protocol = false});
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  ASSERT_EQ(raw->active_files().size(), 1u);
  EXPECT_TRUE(raw->active_files().begin()->second.deletion_vector.has_value());
}

TEST(SnapshotTest, VersionsNotContiguousFailClearly) {
  auto snapshot = LoadGolden("versions-not-contiguous");
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), StatusCode::kCorruption);
  EXPECT_NE(snapshot.status().message().find("not contiguous"), std::string::npos)
      << snapshot.status().message();
}

TEST(SnapshotTest, UnsupportedReaderVersionFailsClearly) {
  auto snapshot = LoadGolden("deltalog-invalid-protocol-version");
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(snapshot.status().message().find("reader version 99"), std::string::npos)
      << snapshot.status().message();
}

TEST(SnapshotTest, MissingProtocolOrMetadataIsCorruption) {
  auto no_protocol = LoadGolden("deltalog-state-reconstruction-without-protocol");
  EXPECT_EQ(no_protocol.status().code(), StatusCode::kCorruption);
  EXPECT_NE(no_protocol.status().message().find("protocol"), std::string::npos);
  auto no_metadata = LoadGolden("deltalog-state-reconstruction-without-metadata");
  EXPECT_EQ(no_metadata.status().code(), StatusCode::kCorruption);
  EXPECT_NE(no_metadata.status().message().find("metaData"), std::string::npos);
}

TEST(SnapshotTest, TimeTravelOutsideTheLogIsOutOfRange) {
  auto snapshot = LoadGolden("snapshot-data1", {.version = TableVersion(5)});
  EXPECT_EQ(snapshot.status().code(), StatusCode::kOutOfRange);
  auto missing = LoadGolden("no-such-table");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto no_log = LoadGolden("no-delta-log-folder");
  EXPECT_EQ(no_log.status().code(), StatusCode::kNotFound);
}

// A checkpoint reader that serves fixed actions and records what it was asked for.
class FakeCheckpointReader final : public CheckpointReader {
 public:
  Result<std::vector<Action>> Read(Storage& /*storage*/,
                                   const CheckpointInstance& checkpoint) override {
    read_version = checkpoint.version;
    Metadata metadata;
    metadata.id = "from-checkpoint";
    AddFile add;
    add.path = "old-file";
    add.size = 10;
    return std::vector<Action>{Protocol{}, metadata, add, Txn{"app", 9, 1}};
  }
  std::optional<TableVersion> read_version;  // the checkpoint replay started from
};

void WriteLogFile(Storage& storage, const std::string& name, const std::string& text) {
  auto temp = storage.WriteTemporary("_delta_log", text, "t").value();
  ASSERT_TRUE(storage.Rename(temp, "_delta_log/" + name).ok());
}

TEST(SnapshotTest, CleanedUpLogReplaysFromTheCheckpointReader) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  // Commits 0..2 were cleaned up behind the checkpoint at 2; 3 and 4 remain.
  WriteLogFile(storage, "00000000000000000002.checkpoint.parquet", "not read by this test");
  WriteLogFile(storage, "00000000000000000003.json",
               "{\"add\":{\"path\":\"new-file\",\"partitionValues\":{},\"size\":5,"
               "\"modificationTime\":1,\"dataChange\":true}}\n");
  WriteLogFile(storage, "00000000000000000004.json",
               "{\"remove\":{\"path\":\"old-file\",\"dataChange\":true}}\n");
  WriteLogFile(storage, "_last_checkpoint", "{\"version\":2,\"size\":4}");

  auto without_reader = LoadSnapshot(storage);
  ASSERT_FALSE(without_reader.ok());
  EXPECT_EQ(without_reader.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(without_reader.status().message().find("checkpoint 2"), std::string::npos)
      << without_reader.status().message();

  FakeCheckpointReader reader;
  auto snapshot = LoadSnapshot(storage, {.checkpoint_reader = &reader});
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ(reader.read_version, TableVersion(2));
  EXPECT_EQ(snapshot->version(), TableVersion(4));
  EXPECT_EQ(snapshot->metadata().id, "from-checkpoint");
  EXPECT_EQ(snapshot->TxnVersion("app"), 9);
  ASSERT_EQ(snapshot->active_files().size(), 1u);
  EXPECT_EQ(snapshot->active_files().begin()->second.path, "new-file");

  // A corrupt _last_checkpoint falls back to listing and finds the same checkpoint.
  WriteLogFile(storage, "_last_checkpoint", "{\"version\":");
  FakeCheckpointReader again;
  auto listed = LoadSnapshot(storage, {.checkpoint_reader = &again});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(again.read_version, TableVersion(2));
  EXPECT_EQ(listed->version(), TableVersion(4));

  // A version behind the cleanup is out of range, naming the earliest readable one.
  auto cleaned = LoadSnapshot(storage, {.version = TableVersion(1), .checkpoint_reader = &again});
  EXPECT_EQ(cleaned.status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(cleaned.status().message().find("earliest version that can be read is 2"),
            std::string::npos)
      << cleaned.status().message();
}

TEST(SnapshotTest, ListLogSkipsNamesBelowTheStartAndStatsOnlyWhenAsked) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  for (int v = 0; v < 5; ++v) {
    WriteLogFile(storage, fmt::format("{:020d}.json", v), "{}\n");
  }
  WriteLogFile(storage, "00000000000000000002.checkpoint.parquet", "x");
  WriteLogFile(storage, "_last_checkpoint", "{\"version\":2,\"size\":4}");

  Result<LogListing> from_two = ListLog(storage, TableVersion(2));
  ASSERT_TRUE(from_two.ok()) << from_two.status().ToString();
  ASSERT_EQ(from_two->commits.size(), 3u);
  EXPECT_EQ(from_two->commits.front().version, TableVersion(2));
  EXPECT_EQ(from_two->commits.front().info.name, "00000000000000000002.json");
  EXPECT_EQ(from_two->commits.front().info.modification_time_ms, 0) << "names only: no stat";
  ASSERT_EQ(from_two->checkpoints.size(), 1u);
  EXPECT_EQ(from_two->checkpoints.front().version, TableVersion(2));
  Result<LogListing> from_three = ListLog(storage, TableVersion(3));
  ASSERT_TRUE(from_three.ok());
  EXPECT_TRUE(from_three->checkpoints.empty());
  EXPECT_EQ(from_three->commits.front().version, TableVersion(3));

  Result<LogListing> timed = ListLog(storage, TableVersion(1), ListDetail::kSizesAndTimes);
  ASSERT_TRUE(timed.ok());
  ASSERT_EQ(timed->commits.size(), 4u);
  EXPECT_EQ(timed->commits.front().version, TableVersion(1));
  EXPECT_EQ(timed->commits.front().info.size, 3);
  EXPECT_GT(timed->commits.front().info.modification_time_ms, 1'600'000'000'000);
}

TEST(SnapshotTest, TxnVersionsLatestWins) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  Snapshot snapshot;
  Metadata metadata;
  metadata.id = "t";
  ASSERT_TRUE(snapshot.Apply(TableVersion(0), {Protocol{}, metadata, Txn{"a", 3, 1}}).ok());
  ASSERT_TRUE(snapshot.Apply(TableVersion(1), {Txn{"a", 5, 2}, Txn{"b", 1, 2}}).ok());
  EXPECT_EQ(snapshot.TxnVersion("a"), 5);
  EXPECT_EQ(snapshot.TxnVersion("b"), 1);
  EXPECT_EQ(snapshot.TxnVersion("c"), std::nullopt);
  EXPECT_EQ(snapshot.version(), TableVersion(1));
}

}  // namespace
}  // namespace salesflow::delta
