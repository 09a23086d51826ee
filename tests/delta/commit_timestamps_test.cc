#include "delta/commit_timestamps.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "delta/action_json.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/transaction.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

constexpr const char* kSchema =
    R"({"type":"struct","fields":[{"name":"v","type":"long","nullable":true,"metadata":{}}]})";

void SetMtimeMs(const std::string& path, int64_t ms) {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = ms / 1000;
  times[0].tv_nsec = times[1].tv_nsec = (ms % 1000) * 1000000;
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

void Publish(Storage& storage, TableVersion version, const std::vector<Action>& actions) {
  auto temp = storage.WriteTemporary("_delta_log", SerializeCommit(actions), "t").value();
  ASSERT_TRUE(storage.PublishIfAbsent(temp, CommitPath(version)).ok());
}

TEST(CommitTimestampsTest, FileTimesAreMadeMonotonicAndSearched) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  ASSERT_TRUE(CreateTable(storage, NewTableMetadata(kSchema, {}, {})).ok());
  for (int i = 0; i < 3; ++i) {
    Transaction txn(LoadSnapshot(storage).value());
    txn.AddFile({.path = "f" + std::to_string(i), .size = 1});
    ASSERT_TRUE(txn.Commit(storage).ok());
  }
  // v2's clock was behind: it gets v1 + 1 ms.
  const int64_t mtimes[] = {10'000, 20'000, 15'000, 40'000};
  for (int v = 0; v < 4; ++v) SetMtimeMs(dir.path() + "/" + CommitPath(TableVersion(v)), mtimes[v]);
  auto commits = ListCommitTimestamps(storage);
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  ASSERT_EQ(commits->size(), 4u);
  EXPECT_EQ((*commits)[2].timestamp_ms, 20'001);
  EXPECT_EQ(VersionAtTimestamp(storage, 10'000).value(), TableVersion(0));
  EXPECT_EQ(VersionAtTimestamp(storage, 19'999).value(), TableVersion(0));
  EXPECT_EQ(VersionAtTimestamp(storage, 20'000).value(), TableVersion(1));
  EXPECT_EQ(VersionAtTimestamp(storage, 20'001).value(), TableVersion(2));
  EXPECT_EQ(VersionAtTimestamp(storage, 39'999).value(), TableVersion(2));
  EXPECT_EQ(VersionAtTimestamp(storage, 40'000).value(), TableVersion(3));
  auto before = VersionAtTimestamp(storage, 9'999);
  EXPECT_EQ(before.status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(before.status().message().find("earliest"), std::string::npos);
  EXPECT_EQ(VersionAtTimestamp(storage, 40'001).status().code(), StatusCode::kOutOfRange);
}

TEST(CommitTimestampsTest, InCommitTimestampsWinOverFileTimesFromTheirEnablement) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  Metadata metadata = NewTableMetadata(kSchema, {}, {});
  Publish(storage, TableVersion(0), {CommitInfo{}, Protocol{}, metadata});
  Metadata enabled = metadata;
  enabled.configuration = {{"delta.enableInCommitTimestamps", "true"},
                           {"delta.inCommitTimestampEnablementVersion", "1"},
                           {"delta.inCommitTimestampEnablementTimestamp", "500000"}};
  Publish(storage, TableVersion(1), {CommitInfo{.in_commit_timestamp = 500'000}, enabled});
  Publish(storage, TableVersion(2), {CommitInfo{.in_commit_timestamp = 600'000}});
  SetMtimeMs(dir.path() + "/" + CommitPath(TableVersion(0)), 100'000);
  SetMtimeMs(dir.path() + "/" + CommitPath(TableVersion(1)), 999'999'000);
  SetMtimeMs(dir.path() + "/" + CommitPath(TableVersion(2)), 1'000);
  auto commits = ListCommitTimestamps(storage).value();
  EXPECT_EQ(commits[0].timestamp_ms, 100'000);
  EXPECT_EQ(commits[1].timestamp_ms, 500'000);
  EXPECT_EQ(commits[2].timestamp_ms, 600'000);
  EXPECT_EQ(VersionAtTimestamp(storage, 550'000).value(), TableVersion(1));
}

}  // namespace
}  // namespace salesflow::delta
