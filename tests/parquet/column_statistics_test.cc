#include "parquet/column_statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace salesflow::parquet {
namespace {

template <typename T>
T Plain(const std::string& s) {
  T v;
  EXPECT_EQ(s.size(), sizeof(T));
  std::memcpy(&v, s.data(), sizeof(T));
  return v;
}

TEST(ColumnStatisticsTest, FloatsIgnoreNanAndOrderSignedZeros) {
  StatisticsAccumulator acc(Field::Double("d"));
  double nan = std::numeric_limits<double>::quiet_NaN();
  double values[] = {nan, 0.0, -0.0, nan};
  acc.UpdateDouble(values, 4);
  Statistics s = acc.ToThrift();
  ASSERT_TRUE(s.min_value.has_value());
  EXPECT_TRUE(std::signbit(Plain<double>(*s.min_value)));   // -0.0
  EXPECT_FALSE(std::signbit(Plain<double>(*s.max_value)));  // +0.0

  StatisticsAccumulator only_nan(Field::Float("f"));
  float f[] = {std::numeric_limits<float>::quiet_NaN()};
  only_nan.UpdateFloat(f, 1);
  EXPECT_FALSE(only_nan.ToThrift().min_value.has_value());
}

TEST(ColumnStatisticsTest, StringsCompareAsUnsignedBytes) {
  StatisticsAccumulator acc(Field::String("s"));
  acc.UpdateBinary("zebra");
  acc.UpdateBinary("\xc3\xa9t\xc3\xa9");  // "été": 0xC3 sorts after 'z'
  acc.UpdateBinary("");
  Statistics s = acc.ToThrift();
  EXPECT_EQ(*s.min_value, "");
  EXPECT_EQ(*s.max_value, "\xc3\xa9t\xc3\xa9");
  EXPECT_FALSE(s.min.has_value());  // no deprecated fields for unsigned order
}

TEST(ColumnStatisticsTest, FixedDecimalsCompareSigned) {
  Field f = Field::Decimal("d", 20, 2);
  ASSERT_EQ(f.physical, Type::kFixedLenByteArray);
  StatisticsAccumulator acc(f);
  std::string neg(static_cast<size_t>(f.type_length), '\xff');  // -1
  std::string pos(static_cast<size_t>(f.type_length), '\0');
  pos.back() = 5;  // +5
  acc.UpdateBinary(pos);
  acc.UpdateBinary(neg);
  Statistics s = acc.ToThrift();
  EXPECT_EQ(*s.min_value, neg);
  EXPECT_EQ(*s.max_value, pos);
  EXPECT_TRUE(s.min.has_value());  // signed order: deprecated fields written too
}

TEST(ColumnStatisticsTest, MergesRowGroupsAndCountsNulls) {
  Field f = Field::Int64("i");
  StatisticsAccumulator file(f), group(f);
  int64_t a[] = {5, -3};
  group.UpdateInt64(a, 2);
  group.AddCount(2);
  group.AddNulls(1);
  file.Merge(group);
  group.Reset();
  int64_t b[] = {100};
  group.UpdateInt64(b, 1);
  group.AddCount(1);
  file.Merge(group);
  LeafColumn leaf{{"i"}, &f, 1, 0};
  ColumnStatistics c = file.ToColumnStatistics(leaf);
  EXPECT_EQ(std::get<int64_t>(c.min), -3);
  EXPECT_EQ(std::get<int64_t>(c.max), 100);
  EXPECT_EQ(c.null_count, 1);
  EXPECT_EQ(c.num_values, 3);
  EXPECT_EQ(*file.ToThrift().null_count, 1);
}

TEST(ColumnStatisticsTest, UnsignedIntegersGetNoMinMax) {
  Field f = Field::Primitive("u", Type::kInt32, true, LogicalType::Integer(32, false));
  StatisticsAccumulator acc(f);
  int32_t v[] = {-1, 1};  // -1 is 2^32-1 unsigned: a signed min would be wrong
  acc.UpdateInt32(v, 2);
  EXPECT_FALSE(acc.ToThrift().min_value.has_value());
}

}  // namespace
}  // namespace salesflow::parquet
