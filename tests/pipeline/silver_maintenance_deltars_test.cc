// delta-rs reads silver's tables after silver vacuumed them and cleaned their log (the
// scenario of silver_maintenance_scenario.h: commit 0 is gone, the log starts at a
// checkpoint): the latest version, silver's txn, and for every gold table the same rows as a
// rebuild that was never cleaned (delta_silver_aggreges: its row count; its recency columns
// depend on when each row was written).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bronze_test_support.h"
#include "delta/deltars_runner.h"
#include "pipeline/silver_output_table.h"
#include "silver_maintenance_scenario.h"
#include "silver_outputs.h"

namespace salesflow::pipeline {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SilverMaintenanceDeltaRsTest, DeltaRsReadsTheCleanedTablesLikeARebuild) {
  testing::SilverMaintenanceScenario scenario;
  scenario.RunThreeHoursAgo();
  scenario.Feed(testing::kCommitsPerRun);
  SilverJobSummary s = scenario.Run();
  ASSERT_GT(s.files_vacuumed, 0);
  ASSERT_GT(s.log_files_deleted, 0);
  auto [ref_silver, ref_gold] = scenario.BuildReference();
  const SilverJobOptions& options = scenario.options();

  std::string args;
  for (const std::string& name : testing::GoldTableNames()) {
    ASSERT_FALSE(
        fs::exists(options.gold_dir + "/" + name + "/_delta_log/00000000000000000000.json"));
    args +=
        " " + delta::testing::ShellQuote("cleaned-" + name + "=" + options.gold_dir + "/" + name);
    args += " " + delta::testing::ShellQuote("ref-" + name + "=" + ref_gold + "/" + name);
  }
  args += " " + delta::testing::ShellQuote("cleaned-silver=" + options.silver_dir);
  args += " " + delta::testing::ShellQuote("ref-silver=" + ref_silver);
  testing::TempDir out;
  int exit_code = 0;
  std::string printed = delta::testing::RunDeltaRs(
      "rows " + delta::testing::ShellQuote(out.path()) + args, &exit_code);
  ASSERT_EQ(exit_code, 0) << printed;
  for (const std::string& name : testing::GoldTableNames()) {
    SCOPED_TRACE(name);
    ASSERT_FALSE(fs::exists(out.Sub("cleaned-" + name + ".error")))
        << ReadAll(out.Sub("cleaned-" + name + ".error"));
    const std::string cleaned = ReadAll(out.Sub("cleaned-" + name + ".jsonl"));
    EXPECT_FALSE(cleaned.empty());
    EXPECT_EQ(cleaned, ReadAll(out.Sub("ref-" + name + ".jsonl")));
  }
  ASSERT_FALSE(fs::exists(out.Sub("cleaned-silver.error")))
      << ReadAll(out.Sub("cleaned-silver.error"));
  const std::string cleaned_silver = ReadAll(out.Sub("cleaned-silver.jsonl"));
  const std::string ref_silver_rows = ReadAll(out.Sub("ref-silver.jsonl"));
  EXPECT_EQ(std::count(cleaned_silver.begin(), cleaned_silver.end(), '\n'),
            std::count(ref_silver_rows.begin(), ref_silver_rows.end(), '\n'));

  // The version and txn delta-rs sees are ours.
  const std::string minute = options.gold_dir + "/" + testing::GoldTableNames()[0];
  delta::testing::DeltaRsInfo info;
  std::string error;
  ASSERT_TRUE(delta::testing::ReadDeltaRsInfo(minute, kSilverAppId, &info, &error)) << error;
  delta::Snapshot ours = testing::LoadLatestSnapshot(minute);
  EXPECT_EQ(info.version, ours.version().value());
  EXPECT_EQ(info.txn, ours.TxnVersion(kSilverAppId).value_or(-1));
}

}  // namespace
}  // namespace salesflow::pipeline
