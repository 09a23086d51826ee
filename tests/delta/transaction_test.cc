#include "delta/transaction.h"

#include <gtest/gtest.h>

#include <thread>

#include "delta/action_json.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/unique_id.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

constexpr const char* kSchema =
    R"({"type":"struct","fields":[{"name":"v","type":"long","nullable":true,"metadata":{}}]})";

AddFile DataFile(const std::string& name) {
  AddFile add;
  add.path = name + ".parquet";
  add.size = 100;
  add.modification_time = 1;
  return add;
}

Snapshot Latest(Storage& storage) {
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  SF_CHECK(snapshot.ok());
  return std::move(snapshot).value();
}

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        CreateTable(storage_, NewTableMetadata(kSchema, {}, {}, &clock_), {.clock = &clock_}).ok());
  }
  testing::TestTableDir dir_;
  LocalStorage storage_{dir_.path()};
  ManualClock clock_{1'700'000'000'000'000};
};

TEST_F(TransactionTest, CreateWritesProtocolMetadataAndCommitInfo) {
  std::vector<Action> actions = ReadCommit(storage_, TableVersion(0)).value();
  ASSERT_EQ(actions.size(), 3u);
  const auto& info = std::get<CommitInfo>(actions[0]);
  EXPECT_EQ(info.operation, "CREATE TABLE");
  EXPECT_EQ(info.timestamp, 1'700'000'000'000);
  EXPECT_TRUE(info.engine_info->starts_with("salesflow/"));
  EXPECT_EQ(std::get<Protocol>(actions[1]), (Protocol{1, 2, std::nullopt, std::nullopt}));
  EXPECT_EQ(std::get<Metadata>(actions[2]).schema_string, kSchema);
  Result<CommitResult> again =
      CreateTable(storage_, NewTableMetadata(kSchema, {}, {}), {.clock = &clock_});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  // No temporary file is left behind by either attempt.
  std::vector<FileInfo> files = storage_.List("_delta_log", "").value();
  for (const FileInfo& file : files) {
    EXPECT_FALSE(file.name.ends_with(".tmp")) << file.name;
  }
}

TEST_F(TransactionTest, AppendsFromAStaleSnapshotRetryAtTheNextVersion) {
  Snapshot stale = Latest(storage_);
  Transaction first(stale);
  first.AddFile(DataFile("a"));
  ASSERT_EQ(first.Commit(storage_).value().version, TableVersion(1));
  Transaction second(stale);
  second.AddFile(DataFile("b"));
  Result<CommitResult> result = second.Commit(storage_);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->version, TableVersion(2));
  EXPECT_EQ(result->attempts, 2);
  EXPECT_EQ(Latest(storage_).active_files().size(), 2u);
}

TEST_F(TransactionTest, SameTxnAppIdInAWinningCommitConflicts) {
  Snapshot stale = Latest(storage_);
  Transaction winner(stale);
  winner.SetTxn("bronze-ventes-0", 10);
  winner.AddFile(DataFile("w"));
  ASSERT_TRUE(winner.Commit(storage_).ok());
  Transaction loser(stale);
  loser.SetTxn("bronze-ventes-0", 10);
  loser.AddFile(DataFile("l"));
  Result<CommitResult> result = loser.Commit(storage_);
  ASSERT_EQ(result.status().code(), StatusCode::kConflict) << result.status().ToString();
  EXPECT_NE(result.status().message().find("bronze-ventes-0"), std::string::npos);
  Snapshot latest = Latest(storage_);
  EXPECT_EQ(latest.version(), TableVersion(1));
  EXPECT_EQ(latest.TxnVersion("bronze-ventes-0"), 10);
}

TEST_F(TransactionTest, ExpectedTxnVersionFencesZombies) {
  Transaction owner(Latest(storage_));
  owner.SetTxn("app-p0", 5);
  ASSERT_TRUE(owner.Commit(storage_).ok());
  // A writer that last saw offset 5 may continue.
  Transaction next(Latest(storage_));
  next.ExpectTxnVersion("app-p0", 5);
  next.SetTxn("app-p0", 8);
  ASSERT_TRUE(next.Commit(storage_).ok());
  // A zombie that still believes 5 is refused even with a fresh snapshot.
  Transaction zombie(Latest(storage_));
  zombie.ExpectTxnVersion("app-p0", 5);
  zombie.SetTxn("app-p0", 7);
  Result<CommitResult> result = zombie.Commit(storage_);
  EXPECT_EQ(result.status().code(), StatusCode::kConflict);
  EXPECT_NE(result.status().message().find("expected 5"), std::string::npos)
      << result.status().message();
  // Expecting "no txn yet" for an app that has one fails too.
  Transaction fresh(Latest(storage_));
  fresh.ExpectTxnVersion("app-p0", std::nullopt);
  EXPECT_EQ(fresh.Commit(storage_).status().code(), StatusCode::kConflict);
}

TEST_F(TransactionTest, RemovingAnAlreadyRemovedFileConflicts) {
  Transaction add(Latest(storage_));
  add.AddFile(DataFile("x"));
  ASSERT_TRUE(add.Commit(storage_).ok());
  Snapshot read = Latest(storage_);
  RemoveFile remove{.path = "x.parquet"};
  Transaction first(read);
  first.RemoveFile(remove);
  ASSERT_TRUE(first.Commit(storage_).ok());
  Transaction second(read);
  second.RemoveFile(remove);
  second.AddFile(DataFile("compacted"));
  Result<CommitResult> result = second.Commit(storage_);
  EXPECT_EQ(result.status().code(), StatusCode::kConflict);
  EXPECT_NE(result.status().message().find("already removed"), std::string::npos);
}

TEST_F(TransactionTest, MetadataChangeConflictsWithConcurrentCommits) {
  Snapshot read = Latest(storage_);
  Transaction append(read);
  append.AddFile(DataFile("a"));
  ASSERT_TRUE(append.Commit(storage_).ok());
  Transaction alter(read);
  Metadata changed = read.metadata();
  changed.configuration.emplace_back("delta.checkpointInterval", "10");
  alter.SetMetadata(changed);
  EXPECT_EQ(alter.Commit(storage_).status().code(), StatusCode::kConflict);
  // And an append that lost against the metadata change conflicts as well.
  Snapshot now = Latest(storage_);
  Transaction alter2(now);
  alter2.SetMetadata(changed);
  Transaction append2(now);
  append2.AddFile(DataFile("b"));
  ASSERT_TRUE(alter2.Commit(storage_).ok());
  Result<CommitResult> lost = append2.Commit(storage_);
  EXPECT_EQ(lost.status().code(), StatusCode::kConflict);
  EXPECT_NE(lost.status().message().find("metadata"), std::string::npos);
}

TEST_F(TransactionTest, OverwriteConflictsWithConcurrentAppends) {
  Snapshot read = Latest(storage_);
  Transaction append(read);
  append.AddFile(DataFile("late"));
  ASSERT_TRUE(append.Commit(storage_).ok());
  Transaction overwrite(read);
  overwrite.SetReadsAllData();
  overwrite.AddFile(DataFile("all"));
  EXPECT_EQ(overwrite.Commit(storage_).status().code(), StatusCode::kConflict);
}

TEST_F(TransactionTest, AppendOnlyTablesRefuseDataRemoval) {
  Snapshot read = Latest(storage_);
  Metadata metadata = read.metadata();
  metadata.configuration.emplace_back("delta.appendOnly", "true");
  Transaction alter(read);
  alter.SetMetadata(metadata);
  ASSERT_TRUE(alter.Commit(storage_).ok());
  Transaction remove(Latest(storage_));
  remove.RemoveFile({.path = "x"});
  Result<CommitResult> result = remove.Commit(storage_);
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("append-only"), std::string::npos);
  Transaction compact(Latest(storage_));
  compact.RemoveFile({.path = "x", .data_change = false});
  EXPECT_TRUE(compact.Commit(storage_).ok());
}

TEST_F(TransactionTest, UnsupportedProtocolsAndPropertiesAreRefusedByName) {
  struct Case {
    Protocol protocol;    // protocol written by "another engine"
    StringMap config;     // its properties
    const char* feature;  // what the error must name
  };
  std::vector<Case> cases = {
      {{3, 7, std::vector<std::string>{"deletionVectors"},
        std::vector<std::string>{"deletionVectors"}},
       {},
       "deletionVectors"},
      {{1, 7, std::nullopt, std::vector<std::string>{"rowTracking"}}, {}, "rowTracking"},
      {{1, 4, std::nullopt, std::nullopt},
       {{"delta.enableChangeDataFeed", "true"}},
       "changeDataFeed"},
      {{1, 3, std::nullopt, std::nullopt},
       {{"delta.constraints.positive", "v > 0"}},
       "checkConstraints"},
      {{2, 5, std::nullopt, std::nullopt}, {{"delta.columnMapping.mode", "name"}}, "columnMapping"},
      {{1, 8, std::nullopt, std::nullopt}, {}, "writer version 8"},
      {{1, 2, std::nullopt, std::nullopt},
       {{"delta.enableDeletionVectors", "true"}},
       "deletionVectors"},
  };
  for (const Case& c : cases) {
    testing::TestTableDir dir;
    LocalStorage storage(dir.path());
    Metadata metadata = NewTableMetadata(kSchema, {}, c.config);
    std::string text = SerializeCommit({c.protocol, metadata});
    auto temp = storage.WriteTemporary("_delta_log", text, "t").value();
    ASSERT_TRUE(storage.PublishIfAbsent(temp, CommitPath(TableVersion(0))).ok());
    SnapshotOptions raw{.check_read_protocol = false};
    Transaction txn(LoadSnapshot(storage, raw).value());
    txn.AddFile(DataFile("a"));
    Result<CommitResult> result = txn.Commit(storage);
    ASSERT_FALSE(result.ok()) << c.feature;
    EXPECT_EQ(result.status().code(), StatusCode::kUnsupported) << result.status().ToString();
    EXPECT_NE(result.status().message().find(c.feature), std::string::npos)
        << result.status().message();
    EXPECT_EQ(storage.Stat(CommitPath(TableVersion(1))).status().code(), StatusCode::kNotFound);
  }
}

TEST_F(TransactionTest, ThreadsAppendingConcurrentlyLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kCommits = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      LocalStorage storage(dir_.path(), {.sync = false});
      Snapshot snapshot = Latest(storage);
      for (int i = 0; i < kCommits; ++i) {
        SF_CHECK(snapshot.CatchUp(storage).ok());
        Transaction txn(snapshot);
        txn.AddFile(DataFile(std::to_string(t) + "-" + std::to_string(i)));
        Result<CommitResult> result = txn.Commit(storage);
        SF_CHECK(result.ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Snapshot latest = Latest(storage_);
  EXPECT_EQ(latest.version(), TableVersion(kThreads * kCommits));
  EXPECT_EQ(latest.active_files().size(), static_cast<size_t>(kThreads * kCommits));
}

}  // namespace
}  // namespace salesflow::delta
