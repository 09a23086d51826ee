#include "delta/fault_injecting_storage.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "delta/local_storage.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

using testing::TestTableDir;

TEST(FaultInjectingStorageTest, ErrorFiresOnceAfterSkips) {
  TestTableDir dir;
  LocalStorage local(dir.path());
  FaultInjectingStorage storage(local);
  storage.Arm("commit.after_link", FaultKind::kError, 1);
  EXPECT_TRUE(storage.FaultPoint("commit.after_link").ok());
  Status fired = storage.FaultPoint("commit.after_link");
  EXPECT_EQ(fired.code(), StatusCode::kIoError);
  EXPECT_NE(fired.message().find("commit.after_link"), std::string::npos);
  EXPECT_TRUE(storage.FaultPoint("commit.after_link").ok());
  EXPECT_EQ(storage.hits().at("commit.after_link"), 3);
  EXPECT_FALSE(storage.crashed());
}

TEST(FaultInjectingStorageTest, ListNamesIsTheListPoint) {
  TestTableDir dir;
  LocalStorage local(dir.path());
  FaultInjectingStorage storage(local);
  storage.Arm("storage.list", FaultKind::kError, 1);
  EXPECT_TRUE(storage.ListNames("", "", "").ok());
  EXPECT_EQ(storage.ListNames("", "", "").status().code(), StatusCode::kIoError);
  EXPECT_TRUE(storage.ListNames("", "", "").ok());  // fires once
  EXPECT_EQ(storage.hits().at("storage.list"), 3);
}

TEST(FaultInjectingStorageTest, CrashMakesEveryLaterCallFail) {
  TestTableDir dir;
  LocalStorage local(dir.path());
  FaultInjectingStorage storage(local);
  storage.Arm("storage.write_temporary", FaultKind::kCrash);
  EXPECT_EQ(storage.WriteTemporary("", "x", "t").status().code(), StatusCode::kCancelled);
  EXPECT_TRUE(storage.crashed());
  EXPECT_EQ(storage.List("", "").status().code(), StatusCode::kCancelled);
  EXPECT_EQ(storage.ListNames("", "", "").status().code(), StatusCode::kCancelled);
  EXPECT_EQ(storage.FaultPoint("anything").code(), StatusCode::kCancelled);
  // Nothing reached the directory.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace salesflow::delta
