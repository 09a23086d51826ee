#include "delta/stats_json.h"

#include <gtest/gtest.h>

#include "delta/data_file_writer.h"
#include "delta/local_storage.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

TEST(StatsJsonTest, Utf8PrefixNeverSplitsACharacter) {
  EXPECT_EQ(Utf8Prefix("abc", 2), "ab");
  EXPECT_EQ(Utf8Prefix("éé", 1), "é");
  EXPECT_EQ(Utf8Prefix("a€b", 2), "a€");
  EXPECT_EQ(Utf8Prefix("ab", 5), "ab");
  EXPECT_EQ(Utf8Length("a€é"), 3u);
}

TEST(StatsJsonTest, StatsOfAWrittenFileFollowTheProtocol) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  Result<Snapshot> snapshot = testing::LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  parquet::ColumnBatch batch = testing::SalesBatch(0, 8, 1);
  Result<std::vector<AddFile>> adds = WriteDataFiles(storage, snapshot->metadata(), batch);
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  ASSERT_EQ(adds->size(), 1u);
  const std::string& text = *(*adds)[0].stats;
  Result<FileStats> stats = ParseStatsJson(text);
  ASSERT_TRUE(stats.ok()) << text;
  EXPECT_EQ(stats->num_records, 8);
  const ColumnFileStats& id = stats->columns.at("vente_id");
  EXPECT_EQ(std::get<int64_t>(id.min), 0);
  EXPECT_EQ(std::get<int64_t>(id.max), 7);
  EXPECT_EQ(id.null_count, 0);
  EXPECT_EQ(stats->columns.at("quantite").null_count, 1);  // row 3
  EXPECT_EQ(stats->columns.at("premium").null_count, 2);   // rows 0 and 5
  EXPECT_TRUE(std::holds_alternative<std::monostate>(stats->columns.at("premium").min));
  // Names: "Client 1".."Client 7" and a long accented name, cut to 32 characters.
  const auto& name = stats->columns.at("client_nom");
  std::string min = std::get<std::string>(name.min);
  std::string max = std::get<std::string>(name.max);
  EXPECT_EQ(min, "Client 1");
  EXPECT_EQ(Utf8Length(max), 33u) << max;  // 32 characters + U+10FFFF
  EXPECT_TRUE(max.starts_with("Élodie Lefèvre-Duchâteau de la G"));
  EXPECT_TRUE(max.ends_with("\xF4\x8F\xBF\xBF"));
  // Timestamps in ms: row 7 is at kFirstDay + 7 * 1000123 us = 7.000861 s.
  EXPECT_EQ(std::get<std::string>(stats->columns.at("ts").max), "2024-12-16T00:00:07.000Z");
  EXPECT_EQ(std::get<std::string>(stats->columns.at("ts").min), "2024-12-16T00:00:00.000Z");
  // Decimal(18,2): cents i * 1999 % 100000 -> max 13993 = 139.93, an exact JSON number.
  EXPECT_NE(text.find("\"montant\":139.93"), std::string::npos) << text;
  EXPECT_NE(text.find("\"montant\":0.00"), std::string::npos) << text;
}

}  // namespace
}  // namespace salesflow::delta
