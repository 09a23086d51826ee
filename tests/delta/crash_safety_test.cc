#include <gtest/gtest.h>

#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/transaction.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

constexpr const char* kSchema =
    R"({"type":"struct","fields":[{"name":"v","type":"long","nullable":true,"metadata":{}}]})";

// Every point a commit passes: the named protocol points and the storage calls in between.
std::vector<std::string> AllCommitPoints() {
  std::vector<std::string> points = fault_points::CommitPoints();
  for (const char* call :
       {"storage.write_temporary", "storage.publish", "storage.sync_dir", "storage.delete"}) {
    points.emplace_back(call);
  }
  return points;
}

class CrashSafetyTest : public ::testing::TestWithParam<FaultKind> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CreateTable(local_, NewTableMetadata(kSchema, {}, {})).ok());
  }
  testing::TestTableDir dir_;
  LocalStorage local_{dir_.path()};
};

TEST_P(CrashSafetyTest, FaultAtEveryCommitPointLeavesAWholeCommitOrNone) {
  const FaultKind kind = GetParam();
  int64_t file_number = 0;
  for (const std::string& point : AllCommitPoints()) {
    Snapshot before = LoadSnapshot(local_).value();
    FaultInjectingStorage storage(local_);
    storage.Arm(point, kind);
    Transaction txn(before);
    std::string path = "f" + std::to_string(++file_number) + ".parquet";
    txn.AddFile({.path = path, .size = 7});
    txn.SetTxn("writer", file_number);
    Result<CommitResult> result = txn.Commit(storage);
    EXPECT_EQ(storage.hits().count(point), 1u) << point << " was never reached";

    // A fresh process's view: the log is contiguous, every commit parses, and the commit is
    // either entirely there (its add and its txn) or not at all.
    Result<Snapshot> after = LoadSnapshot(local_);
    ASSERT_TRUE(after.ok()) << point << ": " << after.status().ToString();
    bool visible = after->version() == before.version().next();
    if (visible) {
      EXPECT_EQ(after->TxnVersion("writer"), file_number) << point;
      EXPECT_EQ(after->active_files().count(path), 1u) << point;
    } else {
      EXPECT_EQ(after->version(), before.version()) << point;
      EXPECT_EQ(after->active_files().count(path), 0u) << point;
    }
    // Failing before the link publishes nothing; the caller hears about every fault except
    // the best-effort cleanup of the temporary name after a successful publish.
    bool before_link = point == fault_points::kCommitAfterTempWrite ||
                       point == "storage.write_temporary" || point == "storage.publish";
    EXPECT_EQ(visible, !before_link) << point;
    if (point == "storage.delete") {
      EXPECT_TRUE(result.ok()) << result.status().ToString();
    } else {
      EXPECT_FALSE(result.ok()) << point;
      if (visible) {
        EXPECT_NE(result.status().message().find("was published"), std::string::npos)
            << result.status().message();
      }
    }
    // The next writer continues at the next version.
    Transaction next(*after);
    next.AddFile({.path = "next-" + std::to_string(file_number), .size = 1});
    Result<CommitResult> continued = next.Commit(local_);
    ASSERT_TRUE(continued.ok()) << point << ": " << continued.status().ToString();
    EXPECT_EQ(continued->version, after->version().next());
  }
  // Only hidden temporaries may be left over; no reader lists them as commits.
  std::vector<FileInfo> files = local_.List("_delta_log", "").value();
  for (const FileInfo& file : files) {
    EXPECT_TRUE(ParseLogFileName(file).has_value() || file.name.starts_with(".")) << file.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, CrashSafetyTest,
                         ::testing::Values(FaultKind::kCrash, FaultKind::kError),
                         [](const auto& param_info) {
                           return param_info.param == FaultKind::kCrash ? "Crash" : "Error";
                         });

}  // namespace
}  // namespace salesflow::delta
