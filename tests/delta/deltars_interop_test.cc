// Tables salesflow writes — every column type it uses, partitioned by date, with checkpoints,
// after optimize and vacuum, with an idempotent txn — are read identically by delta-rs
// (to_pyarrow_table, transaction_version) and, file by file, by DuckDB.

#include <gtest/gtest.h>

#include <simdjson.h>

#include "base/clock.h"
#include "delta/checkpoint_writer.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/optimize.h"
#include "delta/vacuum.h"
#include "deltars_runner.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

std::vector<std::string> Strings(simdjson::dom::element e) {
  std::vector<std::string> out;
  simdjson::dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element v : a) {
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) out.emplace_back(s);
  }
  return out;
}

TEST(DeltaRsInteropTest, OurTablesReadTheSameInDeltaRsAndDuckDb) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage, {{"delta.checkpointInterval", "3"}});
  ParquetCheckpointReader reader;
  const std::string app = "salesflow-bronze-ventes_stream-0";
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(
        testing::AppendBatch(storage, testing::SalesBatch(i * 25, 25, 3), app, 100 + i).ok());
    ASSERT_TRUE(MaybeCheckpoint(storage, reader).ok());
  }
  Result<Snapshot> before = testing::LoadLatest(storage);
  ASSERT_TRUE(before.ok());
  Result<OptimizeResult> optimized = Optimize(storage, *before);
  ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
  ASSERT_GT(optimized->files_removed, 0);
  // Vacuum as if 8 days had passed: the compacted-away files go.
  ManualClock clock((SystemClock::Instance().NowMillis() + int64_t{8} * 24 * 3600 * 1000) * 1000);
  VacuumOptions vacuum;
  vacuum.clock = &clock;
  Result<Snapshot> compacted = testing::LoadLatest(storage);
  ASSERT_TRUE(compacted.ok());
  Result<VacuumResult> vacuumed =
      Vacuum(storage, *compacted, *ListLocalTableFiles(dir.path()), vacuum);
  ASSERT_TRUE(vacuumed.ok()) << vacuumed.status().ToString();
  EXPECT_EQ(static_cast<int64_t>(vacuumed->files.size()), optimized->files_removed);
  ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(1000, 10, 2), app, 200).ok());
  ASSERT_TRUE(WriteCheckpoint(storage, *testing::LoadLatest(storage)).ok());

  Result<Snapshot> snapshot = testing::LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  Result<std::vector<std::string>> ours = testing::ScanRows(storage, *snapshot);
  ASSERT_TRUE(ours.ok());
  ASSERT_EQ(ours->size(), 185u);

  int exit_code = 0;
  std::string json = testing::RunDeltaRs(
      "info " + testing::ShellQuote(dir.path()) + " " + testing::ShellQuote(app), &exit_code);
  ASSERT_EQ(exit_code, 0) << json;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  int64_t version = 0, txn = 0;
  ASSERT_EQ(doc["version"].get_int64().get(version), simdjson::SUCCESS);
  EXPECT_EQ(version, snapshot->version().value());
  ASSERT_EQ(doc["txn"].get_int64().get(txn), simdjson::SUCCESS) << json.substr(0, 300);
  EXPECT_EQ(txn, 200);
  EXPECT_EQ(Strings(doc["files"]).size(), snapshot->active_files().size());
  std::vector<std::string> delta_rs = Strings(doc["rows"]);
  std::sort(delta_rs.begin(), delta_rs.end());
  EXPECT_EQ(delta_rs, *ours);
  std::vector<std::string> duckdb = Strings(doc["duckdb_rows"]);
  std::sort(duckdb.begin(), duckdb.end());
  EXPECT_EQ(duckdb, *ours);
}

}  // namespace
}  // namespace salesflow::delta
