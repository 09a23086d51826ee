#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "delta/local_storage.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

using testing::TestTableDir;

TEST(LocalStorageTest, TemporaryIsHiddenAndPublishIsPutIfAbsent) {
  TestTableDir dir;
  LocalStorage storage(dir.path());
  Result<std::string> temp =
      storage.WriteTemporary("_delta_log", "hello\n", "00000000000000000000.json");
  ASSERT_TRUE(temp.ok()) << temp.status().ToString();
  EXPECT_TRUE(temp->starts_with("_delta_log/."));
  EXPECT_TRUE(temp->ends_with(".tmp"));
  ASSERT_TRUE(storage.PublishIfAbsent(*temp, "_delta_log/a.json").ok());
  EXPECT_EQ(storage.ReadFile("_delta_log/a.json").value(), "hello\n");

  Result<std::string> other = storage.WriteTemporary("_delta_log", "other\n", "x");
  ASSERT_TRUE(other.ok());
  Status again = storage.PublishIfAbsent(*other, "_delta_log/a.json");
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  // The loser never replaced the winner's bytes.
  EXPECT_EQ(storage.ReadFile("_delta_log/a.json").value(), "hello\n");
  EXPECT_TRUE(storage.SyncDirectory("_delta_log").ok());
}

TEST(LocalStorageTest, ListIsSortedFilteredAndEmptyForMissingDirectory) {
  TestTableDir dir;
  LocalStorage storage(dir.path());
  EXPECT_TRUE(storage.List("_delta_log", "").value().empty());
  for (const char* name : {"b.json", "a.json", "c.txt"}) {
    auto temp = storage.WriteTemporary("_delta_log", name, "t").value();
    ASSERT_TRUE(storage.Rename(temp, std::string("_delta_log/") + name).ok());
  }
  std::vector<FileInfo> all = storage.List("_delta_log", "").value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "a.json");
  EXPECT_EQ(all[1].name, "b.json");
  EXPECT_EQ(all[2].name, "c.txt");
  EXPECT_EQ(all[0].size, 6);
  EXPECT_GT(all[0].modification_time_ms, 1'600'000'000'000);
  std::vector<FileInfo> b = storage.List("_delta_log", "b").value();
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].name, "b.json");
}

TEST(LocalStorageTest, ListNamesStartsFromANameAndSkipsDirectoriesAndStat) {
  TestTableDir dir;
  LocalStorage storage(dir.path());
  EXPECT_TRUE(storage.ListNames("_delta_log", "", "").value().empty());
  for (const char* name : {"c.txt", "a.json", "b.json", "b2.json"}) {
    auto temp = storage.WriteTemporary("_delta_log", name, "t").value();
    ASSERT_TRUE(storage.Rename(temp, std::string("_delta_log/") + name).ok());
  }
  ASSERT_TRUE(storage.WriteTemporary("_delta_log/_sidecars", "x", "s").ok());  // a directory
  auto hidden = storage.WriteTemporary("_delta_log", "x", "pending");          // stays hidden
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(storage.ListNames("_delta_log", "", "").value(),
            (std::vector<std::string>{hidden->substr(std::string("_delta_log/").size()), "a.json",
                                      "b.json", "b2.json", "c.txt"}));
  EXPECT_EQ(storage.ListNames("_delta_log", "", "b").value(),
            (std::vector<std::string>{"b.json", "b2.json", "c.txt"}));
  EXPECT_EQ(storage.ListNames("_delta_log", "b", "b.k").value(),
            (std::vector<std::string>{"b2.json"}));
}

TEST(LocalStorageTest, RenameReplacesAndDeleteReportsMissing) {
  TestTableDir dir;
  LocalStorage storage(dir.path());
  auto first = storage.WriteTemporary("", "1", "cp").value();
  ASSERT_TRUE(storage.Rename(first, "_last_checkpoint").ok());
  auto second = storage.WriteTemporary("", "22", "cp").value();
  ASSERT_TRUE(storage.Rename(second, "_last_checkpoint").ok());
  EXPECT_EQ(storage.ReadFile("_last_checkpoint").value(), "22");
  EXPECT_EQ(storage.Stat("_last_checkpoint").value().size, 2);
  EXPECT_TRUE(storage.Delete("_last_checkpoint").ok());
  EXPECT_EQ(storage.Delete("_last_checkpoint").code(), StatusCode::kNotFound);
  EXPECT_EQ(storage.ReadFile("_last_checkpoint").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(storage.Stat("_last_checkpoint").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace salesflow::delta
