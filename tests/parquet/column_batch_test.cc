#include "parquet/column_batch.h"

#include <gtest/gtest.h>

namespace salesflow::parquet {
namespace {

TEST(ColumnBatchTest, BuildsNestedColumnsThatValidate) {
  auto schema = Schema::Make({Field::Int64("id", false), Field::List("tags", Field::String("t")),
                              Field::Struct("s", {Field::Int32("a"), Field::String("b")})});
  ASSERT_TRUE(schema.ok());
  ColumnBatch b = ColumnBatch::Make(*schema);
  // Row 0: id 1, tags ["x", null], s {a: 5, b: "é"}; row 1: id 2, tags null, s null.
  b.columns[0].AppendInt64(1);
  b.columns[0].AppendInt64(2);
  Column& tags = b.columns[1];
  tags.children[0].AppendBinary("x");
  tags.children[0].AppendNull();
  tags.CloseListEntry();
  tags.AppendNull();
  Column& s = b.columns[2];
  s.children[0].AppendInt32(5);
  s.children[1].AppendBinary("\xc3\xa9");
  s.AppendStructSlot();
  s.AppendNull();
  b.num_rows = 2;
  Status st = b.Validate();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(tags.offsets, (std::vector<int64_t>{0, 2, 2}));
  EXPECT_EQ(tags.NullCount(), 1);
  EXPECT_EQ(tags.children[0].NullCount(), 1);
  EXPECT_EQ(s.children[1].BinaryAt(0), "\xc3\xa9");
  EXPECT_EQ(s.children[1].length, 2);
  EXPECT_FALSE(s.children[1].IsValid(1));

  b.Clear();
  EXPECT_TRUE(b.Validate().ok());
}

TEST(ColumnBatchTest, ValidateCatchesBadShapes) {
  auto schema = Schema::Make({Field::Int64("id", false), Field::String("name")});
  ASSERT_TRUE(schema.ok());
  ColumnBatch b = ColumnBatch::Make(*schema);
  b.columns[0].AppendNull();  // null in a required field
  b.columns[1].AppendBinary("a");
  b.num_rows = 1;
  EXPECT_EQ(b.Validate().code(), StatusCode::kInvalidArgument);
  b.Clear();
  b.columns[0].AppendInt64(1);
  b.columns[1].AppendBinary("a");
  b.columns[1].offsets.back() = 99;  // past the data
  b.num_rows = 1;
  EXPECT_EQ(b.Validate().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace salesflow::parquet
