#include "delta/data_file_writer.h"

#include <gtest/gtest.h>

#include <set>

#include "delta/local_storage.h"
#include "delta/stats_json.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

using testing::AppendBatch;
using testing::LoadLatest;
using testing::SalesBatch;
using testing::ScanRows;

TEST(DataFileWriterTest, SplitsByPartitionAndReadsBackEveryRow) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  parquet::ColumnBatch batch = SalesBatch(0, 30, 3);
  ASSERT_TRUE(AppendBatch(storage, batch, "bronze-0", 7).ok());

  Result<Snapshot> snapshot = LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ(snapshot->version(), TableVersion(1));
  EXPECT_EQ(snapshot->TxnVersion("bronze-0"), 7);
  ASSERT_EQ(snapshot->active_files().size(), 3u);
  std::set<std::string> dates;
  int64_t records = 0;
  for (const auto& [key, add] : snapshot->active_files()) {
    ASSERT_EQ(add.partition_values.size(), 1u);
    ASSERT_TRUE(add.partition_values[0].second.has_value());
    dates.insert(*add.partition_values[0].second);
    EXPECT_TRUE(add.path.starts_with("date_vente=" + *add.partition_values[0].second + "/part-"))
        << add.path;
    ASSERT_TRUE(add.stats.has_value());
    Result<FileStats> stats = ParseStatsJson(*add.stats);
    ASSERT_TRUE(stats.ok());
    records += stats->num_records.value_or(0);
    EXPECT_EQ(stats->columns.count("date_vente"), 0u) << "partition columns have no stats";
    EXPECT_TRUE(stats->columns.at("vente_id").null_count.has_value());
    EXPECT_GT(add.size, 0);
    EXPECT_GT(add.modification_time, 0);
  }
  EXPECT_EQ(records, 30);
  EXPECT_EQ(dates, (std::set<std::string>{"2024-12-16", "2024-12-17", "2024-12-18"}));

  std::vector<std::string> expected;
  testing::AppendCanonicalRows(batch, &expected);
  std::sort(expected.begin(), expected.end());
  Result<std::vector<std::string>> rows = ScanRows(storage, *snapshot);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, expected);
}

TEST(DataFileWriterTest, NullPartitionGoesToHiveDefaultAndReadsAsNull) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  parquet::ColumnBatch batch = SalesBatch(0, 4, 1);
  // Null the date of row 2.
  batch.columns[4].validity.assign(4, 1);
  batch.columns[4].validity[2] = 0;
  ASSERT_TRUE(AppendBatch(storage, batch).ok());
  Result<Snapshot> snapshot = LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  bool saw_null = false;
  for (const auto& [key, add] : snapshot->active_files()) {
    if (!add.partition_values[0].second) {
      saw_null = true;
      EXPECT_TRUE(add.path.starts_with("date_vente=__HIVE_DEFAULT_PARTITION__/")) << add.path;
    }
  }
  EXPECT_TRUE(saw_null);
  std::vector<std::string> expected;
  testing::AppendCanonicalRows(batch, &expected);
  std::sort(expected.begin(), expected.end());
  Result<std::vector<std::string>> rows = ScanRows(storage, *snapshot);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, expected);
}

TEST(DataFileWriterTest, AddedFilesListsOnlyDataChangingAddsOfTheVersions) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  ASSERT_TRUE(AppendBatch(storage, SalesBatch(0, 5, 1)).ok());
  ASSERT_TRUE(AppendBatch(storage, SalesBatch(5, 5, 2)).ok());
  Result<std::vector<AddFile>> v2 = AddedFiles(storage, TableVersion(2), TableVersion(2));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->size(), 2u);
  Result<std::vector<AddFile>> both = AddedFiles(storage, TableVersion(1), TableVersion(2));
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->size(), 3u);
  Result<Snapshot> snapshot = LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  Result<std::unique_ptr<TableScan>> scan =
      TableScan::OpenFiles(storage, snapshot->metadata(), *v2);
  ASSERT_TRUE(scan.ok());
  int64_t rows = 0;
  parquet::ColumnBatch batch;
  while (*(*scan)->Next(&batch)) rows += batch.num_rows;
  EXPECT_EQ(rows, 5);
}

}  // namespace
}  // namespace salesflow::delta
