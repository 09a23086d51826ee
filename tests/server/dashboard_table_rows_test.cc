// Decoding of gold/silver column batches as other writers may store them (Spark writes
// decimal(38,2) as 16-byte big-endian FLBA and may write millisecond timestamps), and the
// errors a contract violation gives.
#include "server/dashboard_table_rows.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace salesflow {
namespace {

using parquet::ColumnBatch;
using parquet::Field;
using parquet::LogicalType;
using parquet::TimeUnit;

// 16-byte big-endian two's complement of `v`.
std::string BigEndian16(int64_t v) {
  std::string out(16, v < 0 ? '\xff' : '\0');
  for (int i = 0; i < 8; ++i)
    out[15 - i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  return out;
}

// A ventes_par_minute file schema; montant_max has the precision of `ca` (scale 2).
std::shared_ptr<const parquet::Schema> MinuteSchema(Field minute, Field ca) {
  const int32_t precision = ca.logical ? ca.logical->precision : 18;
  auto schema = parquet::Schema::Make(
      {std::move(minute), Field::String("produit", false), Field::String("categorie", false),
       Field::String("pays", false), Field::String("segment", false),
       Field::Int64("nb_ventes", false), Field::Int64("quantite", false), std::move(ca),
       Field::Decimal("montant_max", precision, 2, false), Field::Date("day", false)});
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return *schema;
}

TEST(DashboardTableRowsTest, SparkStyleDecimalsAndMillisecondTimestamps) {
  Field minute = Field::Primitive("minute", parquet::Type::kInt64, false,
                                  LogicalType::Timestamp(false, TimeUnit::kMillis));
  ColumnBatch batch =
      ColumnBatch::Make(MinuteSchema(minute, Field::Decimal("chiffre_affaires", 38, 2, false)));
  auto& c = batch.columns;
  const int64_t minute_ms = int64_t{28905735} * 60000;  // 2024-12-16T10:15 (local)
  for (int64_t cents : {int64_t{357443}, int64_t{-5}}) {
    c[0].AppendInt64(minute_ms);
    c[1].AppendBinary("Laptop");
    c[2].AppendBinary("Electronique");
    c[3].AppendBinary("France");
    c[4].AppendBinary("Particulier");
    c[5].AppendInt64(2);
    c[6].AppendInt64(3);
    c[7].AppendBinary(BigEndian16(cents));
    c[8].AppendBinary(BigEndian16(cents / 2));
    c[9].AppendInt32(20073);
  }
  batch.num_rows = 2;
  ASSERT_TRUE(batch.Validate().ok()) << batch.Validate().ToString();
  MinuteFileRows rows;
  Status s = AppendMinuteRows(batch, &rows);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rows.rows.size(), 2u);
  EXPECT_EQ(rows.rows[0].minute.value(), 28905735);
  EXPECT_EQ(rows.rows[0].chiffre_affaires, 357443);
  EXPECT_EQ(rows.rows[1].chiffre_affaires, -5);
  EXPECT_EQ(rows.rows[0].montant_max, 178721);
  EXPECT_EQ(rows.rows[1].montant_max, -2);
  EXPECT_EQ(rows.names[rows.rows[1].produit], "Laptop");
  EXPECT_EQ(rows.names[rows.rows[1].segment], "Particulier");
  EXPECT_EQ(rows.names.size(), 4u);  // each distinct string once
}

TEST(DashboardTableRowsTest, ContractViolationsNameTheColumn) {
  // Money with scale 3 is not cents.
  ColumnBatch scale3 =
      ColumnBatch::Make(MinuteSchema(Field::TimestampMicros("minute", false, false),
                                     Field::Decimal("chiffre_affaires", 18, 3, false)));
  MinuteFileRows rows;
  Status s = AppendMinuteRows(scale3, &rows);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.ToString().find("chiffre_affaires"), std::string::npos) << s.ToString();

  // A minute file of an older silver, without montant_max (the sale alert needs it).
  auto old_minute = parquet::Schema::Make(
      {Field::TimestampMicros("minute", false, false), Field::String("produit", false),
       Field::String("categorie", false), Field::String("pays", false),
       Field::String("segment", false), Field::Int64("nb_ventes", false),
       Field::Int64("quantite", false), Field::Decimal("chiffre_affaires", 18, 2, false),
       Field::Date("day", false)});
  ASSERT_TRUE(old_minute.ok());
  s = AppendMinuteRows(ColumnBatch::Make(*old_minute), &rows);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.ToString().find("'montant_max'"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("salesflow silver"), std::string::npos) << s.ToString();

  // A missing column.
  auto no_day =
      parquet::Schema::Make({Field::Int64("client_id", false), Field::Int64("nb_ventes", false),
                             Field::Decimal("chiffre_affaires", 18, 2, false)});
  ASSERT_TRUE(no_day.ok());
  std::vector<ClientDayRow> days;
  s = AppendClientDayRows(ColumnBatch::Make(*no_day), &days);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.ToString().find("'day'"), std::string::npos) << s.ToString();

  // A null in a contract column.
  auto nullable = parquet::Schema::Make({Field::Int64("client_id", true), Field::Date("day", false),
                                         Field::Int64("nb_ventes", false),
                                         Field::Decimal("chiffre_affaires", 18, 2, false)});
  ASSERT_TRUE(nullable.ok());
  ColumnBatch batch = ColumnBatch::Make(*nullable);
  batch.columns[0].AppendNull();
  batch.columns[1].AppendInt32(20073);
  batch.columns[2].AppendInt64(1);
  batch.columns[3].AppendInt64(100);
  batch.num_rows = 1;
  s = AppendClientDayRows(batch, &days);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.ToString().find("'client_id' holds nulls"), std::string::npos) << s.ToString();

  // An amount that does not fit in int64 cents.
  ColumnBatch huge =
      ColumnBatch::Make(MinuteSchema(Field::TimestampMicros("minute", false, false),
                                     Field::Decimal("chiffre_affaires", 38, 2, false)));
  auto& c = huge.columns;
  c[0].AppendInt64(0);
  for (int i = 1; i <= 4; ++i) c[static_cast<size_t>(i)].AppendBinary("x");
  c[5].AppendInt64(1);
  c[6].AppendInt64(1);
  std::string big(16, '\0');
  big[0] = 0x01;  // 2^120
  c[7].AppendBinary(big);
  c[8].AppendBinary(BigEndian16(1));
  c[9].AppendInt32(0);
  huge.num_rows = 1;
  s = AppendMinuteRows(huge, &rows);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.ToString().find("out of range"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace salesflow
