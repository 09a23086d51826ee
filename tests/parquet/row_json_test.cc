#include "parquet/row_json.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <sstream>
#include <string>

namespace salesflow::parquet {
namespace {

std::string Row(const ColumnBatch& b, int64_t r) {
  std::string out;
  AppendRowJson(b, r, &out);
  return out;
}

// Big-endian two's complement of `v` in `width` bytes.
std::string BigEndian(int64_t v, int32_t width) {
  std::string out(static_cast<size_t>(width), v < 0 ? '\xff' : '\0');
  for (int i = 0; i < 8 && i < width; ++i) {
    out[static_cast<size_t>(width - 1 - i)] =
        static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  }
  return out;
}

TEST(RowJsonTest, ScalarsFollowTheCatJsonRules) {
  Field ts_millis = Field::Primitive("ts_ms", Type::kInt64, true,
                                     LogicalType::Timestamp(false, TimeUnit::kMillis));
  Field ts_nanos =
      Field::Primitive("ts_ns", Type::kInt64, true, LogicalType::Timestamp(true, TimeUnit::kNanos));
  Field u32 = Field::Primitive("u32", Type::kInt32, true, LogicalType::Integer(32, false));
  Field raw96 = Field::Primitive("i96", Type::kInt96, true);
  auto schema =
      Schema::Make({Field::Int64("id", false), Field::String("name"), Field::Binary("blob"),
                    Field::Date("day"), Field::TimestampMicros("ts", true), ts_millis, ts_nanos,
                    Field::Decimal("amount", 9, 2), Field::Decimal("big", 30, 3),
                    Field::Double("x"), Field::Float("y"), u32, raw96, Field::Bool("flag")});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ColumnBatch b = ColumnBatch::Make(*schema);
  auto& c = b.columns;
  // Row 0: values; row 1: nulls everywhere but the required id.
  c[0].AppendInt64(-7);
  c[1].AppendBinary("caf\xc3\xa9 \"q\"\n");
  c[2].AppendBinary(std::string("\x00\xff", 2));
  c[3].AppendInt32(20073);             // 2024-12-16
  c[4].AppendInt64(1734359400123456);  // 2024-12-16T14:30:00.123456Z
  c[5].AppendInt64(1734359400123);     // millis
  c[6].AppendInt64(-1);                // 1 ns before the epoch: floors
  c[7].AppendInt32(179998);
  c[8].AppendBinary(BigEndian(-1234567, c[8].fixed_width));
  c[9].AppendDouble(std::numeric_limits<double>::quiet_NaN());
  c[10].AppendFloat(1.1f);
  c[11].AppendInt32(-1);
  uint8_t raw[12];
  const int64_t nanos = 3600LL * 1000000000LL;
  const int32_t julian = 2440588 + 1;
  std::memcpy(raw, &nanos, 8);
  std::memcpy(raw + 8, &julian, 4);
  c[12].AppendBinary(std::string(reinterpret_cast<const char*>(raw), 12));
  c[13].AppendBool(true);
  c[0].AppendInt64(8);
  for (size_t k = 1; k < c.size(); ++k) c[k].AppendNull();
  b.num_rows = 2;
  for (const Column& col : c) ASSERT_EQ(col.length, 2);

  EXPECT_EQ(Row(b, 0),
            "{\"id\":-7,\"name\":\"caf\xc3\xa9 \\\"q\\\"\\n\",\"blob\":\"AP8=\","
            "\"day\":\"2024-12-16\",\"ts\":\"2024-12-16T14:30:00.123456Z\","
            "\"ts_ms\":\"2024-12-16T14:30:00.123000Z\",\"ts_ns\":\"1969-12-31T23:59:59.999999Z\","
            "\"amount\":\"1799.98\",\"big\":\"-1234.567\",\"x\":\"NaN\",\"y\":1.1,"
            "\"u32\":4294967295,\"i96\":\"1970-01-02T01:00:00.000000Z\",\"flag\":true}");
  EXPECT_EQ(Row(b, 1),
            "{\"id\":8,\"name\":null,\"blob\":null,\"day\":null,\"ts\":null,\"ts_ms\":null,"
            "\"ts_ns\":null,\"amount\":null,\"big\":null,\"x\":null,\"y\":null,\"u32\":null,"
            "\"i96\":null,\"flag\":null}");
}

TEST(RowJsonTest, NestedValues) {
  auto schema =
      Schema::Make({Field::List("tags", Field::String("t")),
                    Field::Struct("s", {Field::Int32("a"), Field::List("l", Field::Int32("e"))}),
                    Field::Map("m", Field::String("k", false), Field::Int64("v"))});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ColumnBatch b = ColumnBatch::Make(*schema);
  Column& tags = b.columns[0];
  Column& s = b.columns[1];
  Column& m = b.columns[2];
  // Row 0: tags ["x", null], s {a: 5, l: [1, 2]}, m [{"k1": 10}, {"k2": null}].
  tags.children[0].AppendBinary("x");
  tags.children[0].AppendNull();
  tags.CloseListEntry();
  s.children[0].AppendInt32(5);
  s.children[1].children[0].AppendInt32(1);
  s.children[1].children[0].AppendInt32(2);
  s.children[1].CloseListEntry();
  s.AppendStructSlot();
  m.children[0].AppendBinary("k1");
  m.children[1].AppendInt64(10);
  m.children[0].AppendBinary("k2");
  m.children[1].AppendNull();
  m.CloseListEntry();
  // Row 1: tags [], s null, m null.
  tags.CloseListEntry();
  s.AppendNull();
  m.AppendNull();
  b.num_rows = 2;
  ASSERT_TRUE(b.Validate().ok()) << b.Validate().ToString();
  EXPECT_EQ(Row(b, 0),
            "{\"tags\":[\"x\",null],\"s\":{\"a\":5,\"l\":[1,2]},"
            "\"m\":[{\"key\":\"k1\",\"value\":10},{\"key\":\"k2\",\"value\":null}]}");
  EXPECT_EQ(Row(b, 1), "{\"tags\":[],\"s\":null,\"m\":null}");
}

TEST(RowJsonTest, AppendRowsPrintsJsonLinesOrTabSeparatedValues) {
  auto schema = Schema::Make({Field::Int64("id", false), Field::String("name")});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ColumnBatch b = ColumnBatch::Make(*schema);
  for (int64_t i = 0; i < 3; ++i) {
    b.columns[0].AppendInt64(i);
    if (i == 1) {
      b.columns[1].AppendNull();
    } else {
      b.columns[1].AppendBinary("n\t" + std::to_string(i));
    }
  }
  b.num_rows = 3;
  std::string json;
  AppendRows(b, 1, 2, RowFormat::kJson, &json);
  EXPECT_EQ(json, Row(b, 1) + "\n" + Row(b, 2) + "\n");
  std::string tsv;
  AppendRows(b, 0, 3, RowFormat::kTabSeparated, &tsv);
  EXPECT_EQ(tsv, "0\t\"n\\t0\"\n1\tnull\n2\t\"n\\t2\"\n");
  std::string none;
  AppendRows(b, 0, 0, RowFormat::kJson, &none);
  EXPECT_EQ(none, "");
}

TEST(RowJsonTest, RowPrinterStopsAtTheLimitAcrossBatches) {
  auto schema = Schema::Make({Field::Int64("id", false), Field::String("name")});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ColumnBatch b = ColumnBatch::Make(*schema);
  for (int64_t i = 0; i < 3; ++i) {
    b.columns[0].AppendInt64(i);
    b.columns[1].AppendBinary("x");
  }
  b.num_rows = 3;
  std::ostringstream tsv;
  RowPrinter printer(tsv, RowFormat::kTabSeparated, 4);
  printer.Header({"id", "name"});
  printer.Print(b);
  EXPECT_FALSE(printer.done());
  printer.Print(b);
  EXPECT_TRUE(printer.done());
  printer.Print(b);
  EXPECT_EQ(tsv.str(), "id\tname\n0\t\"x\"\n1\t\"x\"\n2\t\"x\"\n0\t\"x\"\n");
  std::ostringstream json;
  RowPrinter all(json, RowFormat::kJson, -1);
  all.Header({"id", "name"});  // no header in JSON
  all.Print(b);
  EXPECT_FALSE(all.done());
  EXPECT_EQ(json.str(), Row(b, 0) + "\n" + Row(b, 1) + "\n" + Row(b, 2) + "\n");
}

}  // namespace
}  // namespace salesflow::parquet
