#include <gtest/gtest.h>

#include <random>

#include "base/civil_time.h"
#include "delta/data_file_writer.h"
#include "delta/local_storage.h"
#include "delta/scalar_value.h"
#include "delta/schema_json.h"
#include "delta/stats_json.h"
#include "delta/table_scan.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

using Op = ColumnPredicate::Op;

// One generated row of the columns the predicates look at.
struct Row {
  std::string name;  // client_nom: long shared prefixes, so stats are cut
  int64_t micros;    // ts: sub-millisecond parts, so the max is truncated
  int64_t cents;     // montant
  int32_t qty;       // quantite
  int32_t day;       // date_vente (partition)
};

std::string TimestampText(int64_t micros) {
  return FormatTimestampMicrosUtc(micros);
}

std::string CentsText(int64_t cents) {
  return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
         std::to_string(cents % 100);
}

// Property: for random files and random predicates, a file holding a matching row is never
// skipped — with 32+ character strings sharing prefixes and timestamps with microseconds.
TEST(StatsSkippingTest, NeverDropsAFileWithAMatchingRow) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  Result<Snapshot> snapshot = testing::LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  std::mt19937_64 rng(42);
  const std::string prefix = "Société Générale des Eaux et Forêts";  // > 32 characters
  std::vector<std::pair<AddFile, std::vector<Row>>> files;
  for (int f = 0; f < 40; ++f) {
    std::vector<Row> rows;
    int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      Row r;
      r.name = (rng() % 2 ? prefix : prefix.substr(0, 20)) + std::string(1, 'a' + rng() % 3) +
               std::to_string(rng() % 3);
      r.micros = (testing::kFirstDay + static_cast<int64_t>(rng() % 2)) * 86400000000LL +
                 static_cast<int64_t>(rng() % 3000);  // within 3 ms of midnight
      r.cents = static_cast<int64_t>(rng() % 500);
      r.qty = static_cast<int32_t>(rng() % 5);
      r.day = static_cast<int32_t>(testing::kFirstDay + rng() % 3);
      rows.push_back(r);
    }
    parquet::ColumnBatch batch = testing::SalesBatch(0, n, 1);
    for (int i = 0; i < n; ++i) {
      size_t k = static_cast<size_t>(i);
      batch.columns[1].i32[k] = rows[k].qty;
      batch.columns[1].validity.clear();
      batch.columns[3].i64[k] = rows[k].cents;
      batch.columns[4].i32[k] = rows[k].day;
      batch.columns[5].i64[k] = rows[k].micros;
    }
    batch.columns[2] = parquet::MakeColumn(batch.schema->fields()[2]);
    for (const Row& r : rows) batch.columns[2].AppendBinary(r.name);
    // One partition per file: the rows share the first row's day.
    for (int i = 0; i < n; ++i) {
      batch.columns[4].i32[static_cast<size_t>(i)] = rows[0].day;
      rows[static_cast<size_t>(i)].day = rows[0].day;
    }
    Result<std::vector<AddFile>> adds = WriteDataFiles(storage, snapshot->metadata(), batch);
    ASSERT_TRUE(adds.ok()) << adds.status().ToString();
    ASSERT_EQ(adds->size(), 1u);
    files.emplace_back((*adds)[0], rows);
  }
  Result<StructType> schema = ParseSchemaJson(snapshot->metadata().schema_string);
  ASSERT_TRUE(schema.ok());
  int skipped = 0;
  int checks = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const auto& [file, rows] = files[rng() % files.size()];
    const Row& pick = files[rng() % files.size()].second[0];
    Op op = static_cast<Op>(rng() % 6);
    ColumnPredicate p;
    p.op = op;
    int column = static_cast<int>(rng() % 5);
    ScalarValue lit, upper;
    switch (column) {
      case 0: {
        p.column = "client_nom";
        std::string text =
            rng() % 2 ? pick.name : std::string(Utf8Prefix(pick.name, 32 + rng() % 4));
        p.value = text;
        p.upper = text + "~";
        lit = text;
        upper = p.upper;
        break;
      }
      case 1: {
        p.column = "ts";
        int64_t v = pick.micros + static_cast<int64_t>(rng() % 3) - 1;
        p.value = TimestampText(v);
        p.upper = TimestampText(v + 500);
        lit = v;
        upper = v + 500;
        break;
      }
      case 2: {
        p.column = "montant";
        int64_t v = pick.cents;
        p.value = CentsText(v);
        p.upper = CentsText(v + 50);
        lit = static_cast<double>(v) / 100.0;
        upper = static_cast<double>(v + 50) / 100.0;
        break;
      }
      case 3: {
        p.column = "quantite";
        p.value = std::to_string(pick.qty);
        p.upper = std::to_string(pick.qty + 1);
        lit = int64_t{pick.qty};
        upper = int64_t{pick.qty + 1};
        break;
      }
      default: {
        p.column = "date_vente";
        p.value = FormatDate(pick.day);
        p.upper = FormatDate(pick.day + 1);
        lit = int64_t{pick.day};
        upper = int64_t{pick.day + 1};
        break;
      }
    }
    bool any = false;
    for (const Row& r : rows) {
      ScalarValue v;
      if (column == 0) v = r.name;
      if (column == 1) v = r.micros;
      if (column == 2) v = static_cast<double>(r.cents) / 100.0;
      if (column == 3) v = int64_t{r.qty};
      if (column == 4) v = int64_t{r.day};
      any |= ValueMatches(v, op, lit, upper);
    }
    Result<bool> may = FileMayMatch(*schema, {"date_vente"}, file, {p});
    ASSERT_TRUE(may.ok()) << may.status().ToString();
    ++checks;
    if (any) {
      EXPECT_TRUE(*may) << "dropped a matching file: " << p.column << " op " << static_cast<int>(op)
                        << " " << p.value << "\nstats " << *file.stats;
    } else if (!*may) {
      ++skipped;
    }
  }
  EXPECT_EQ(checks, 400);
  EXPECT_GT(skipped, 40) << "skipping should still skip files that cannot match";
}

TEST(StatsSkippingTest, PrunesPartitionsAndCountsSkips) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(0, 30, 3)).ok());
  ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(1000, 30, 3)).ok());
  Result<Snapshot> snapshot = testing::LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  ScanOptions options;
  options.predicates = {{"date_vente", Op::kEq, "2024-12-17", ""},
                        {"vente_id", Op::kGe, "1000", ""}};
  Result<std::unique_ptr<TableScan>> scan = TableScan::Open(storage, *snapshot, options);
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ((*scan)->metrics().files_total, 6);
  EXPECT_EQ((*scan)->metrics().files_pruned, 4);
  EXPECT_EQ((*scan)->metrics().files_skipped_by_stats, 1);
  ASSERT_EQ((*scan)->files().size(), 1u);
  parquet::ColumnBatch batch;
  int64_t rows = 0;
  while (*(*scan)->Next(&batch)) {
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      EXPECT_GE(batch.columns[0].i64[static_cast<size_t>(r)], 1000);
      EXPECT_EQ(batch.columns[4].i32[static_cast<size_t>(r)], testing::kFirstDay + 1);
    }
    rows += batch.num_rows;
  }
  EXPECT_EQ(rows, 10);
  // An unknown column or a bad literal is a clear error.
  options.predicates = {{"nope", Op::kEq, "1", ""}};
  EXPECT_EQ(TableScan::Open(storage, *snapshot, options).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace salesflow::delta
