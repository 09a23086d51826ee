#include "parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

TEST(ThriftCompactTest, EncodesFieldHeadersAsTheSpecSays) {
  std::vector<uint8_t> out;
  ThriftCompactWriter w(&out);
  w.StructBegin();
  w.FieldI32(1, 1);         // delta 1, type i32 (5): 0x15, zigzag(1) = 2
  w.FieldI64(3, -1);        // delta 2, type i64 (6): 0x26, zigzag(-1) = 1
  w.FieldBool(4, true);     // delta 1, type true (1): 0x11
  w.FieldBinary(40, "ab");  // delta 36 > 15: long form 0x08 then zigzag(40) = 80
  w.StructEnd();
  std::vector<uint8_t> want = {0x15, 0x02, 0x26, 0x01, 0x11, 0x08, 80, 0x02, 'a', 'b', 0x00};
  EXPECT_EQ(out, want);
}

TEST(ThriftCompactTest, RoundTripsEveryKind) {
  std::vector<uint8_t> out;
  ThriftCompactWriter w(&out);
  w.StructBegin();
  w.FieldI32(1, INT32_MIN);
  w.FieldI64(2, INT64_MAX);
  w.FieldBool(3, false);
  w.FieldByte(4, -7);
  w.FieldDouble(5, 3.25);
  w.FieldListBegin(6, ThriftType::kBinary, 20);
  for (int i = 0; i < 20; ++i) w.Binary(std::string(static_cast<size_t>(i), 'x'));
  w.FieldStructBegin(7);
  w.FieldI32(2, 300);
  w.StructEnd();
  w.FieldListBegin(8, ThriftType::kBoolTrue, 2);
  w.Bool(true);
  w.Bool(false);
  w.StructEnd();

  ThriftCompactReader r(out);
  ASSERT_TRUE(r.StructBegin().ok());
  ThriftFieldHeader h;
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  EXPECT_EQ(h.id, 1);
  int32_t i32 = 0;
  ASSERT_TRUE(r.ReadI32(&i32).ok());
  EXPECT_EQ(i32, INT32_MIN);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  int64_t i64 = 0;
  ASSERT_TRUE(r.ReadI64(&i64).ok());
  EXPECT_EQ(i64, INT64_MAX);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  EXPECT_EQ(h.type, ThriftType::kBoolFalse);
  EXPECT_EQ(h.id, 3);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  int8_t b = 0;
  ASSERT_TRUE(r.ReadByte(&b).ok());
  EXPECT_EQ(b, -7);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  double d = 0;
  ASSERT_TRUE(r.ReadDouble(&d).ok());
  EXPECT_EQ(d, 3.25);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  ThriftType et;
  uint32_t n = 0;
  ASSERT_TRUE(r.ReadListBegin(&et, &n).ok());
  ASSERT_EQ(n, 20u);
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view s;
    ASSERT_TRUE(r.ReadBinary(&s).ok());
    EXPECT_EQ(s.size(), i);
  }
  // Skip the struct and the bool list as an unknown field would be.
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  EXPECT_EQ(h.type, ThriftType::kStruct);
  ASSERT_TRUE(r.Skip(h.type).ok());
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  EXPECT_EQ(h.id, 8);
  ASSERT_TRUE(r.ReadListBegin(&et, &n).ok());
  bool v1 = false, v2 = true;
  ASSERT_TRUE(r.ReadBool(&v1).ok());
  ASSERT_TRUE(r.ReadBool(&v2).ok());
  EXPECT_TRUE(v1);
  EXPECT_FALSE(v2);
  ASSERT_TRUE(r.ReadFieldBegin(&h).ok());
  EXPECT_EQ(h.type, ThriftType::kStop);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactTest, RejectsListLongerThanInput) {
  // List header claiming 1000 i32 elements with two bytes left.
  std::vector<uint8_t> in = {0xF5, 0xE8, 0x07, 0x02, 0x02};
  ThriftCompactReader r(in);
  ThriftType et;
  uint32_t n = 0;
  Status s = r.ReadListBegin(&et, &n);
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
}

TEST(ThriftCompactTest, RejectsBinaryLongerThanInput) {
  std::vector<uint8_t> in = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 'a'};
  ThriftCompactReader r(in);
  std::string_view s;
  EXPECT_EQ(r.ReadBinary(&s).code(), StatusCode::kCorruption);
}

TEST(ThriftCompactTest, CapsNestingDepthWhenSkipping) {
  // 10000 nested struct fields (0x1C = delta 1, struct) never closed.
  std::vector<uint8_t> in(10000, 0x1C);
  ThriftCompactReader r(in);
  Status s = r.Skip(ThriftType::kStruct);
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
}

TEST(ThriftCompactTest, FailsCleanlyOnEveryTruncation) {
  std::vector<uint8_t> out;
  ThriftCompactWriter w(&out);
  w.StructBegin();
  w.FieldI64(1, 123456789);
  w.FieldBinary(2, "hello");
  w.FieldListBegin(3, ThriftType::kI32, 3);
  w.I32(1);
  w.I32(2);
  w.I32(3);
  w.StructEnd();
  for (size_t cut = 0; cut < out.size(); ++cut) {
    std::vector<uint8_t> part(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(cut));
    ThriftCompactReader r(part);
    EXPECT_FALSE(r.Skip(ThriftType::kStruct).ok()) << "cut at " << cut;
  }
  ThriftCompactReader whole(out);
  EXPECT_TRUE(whole.Skip(ThriftType::kStruct).ok());
}

}  // namespace
}  // namespace salesflow::parquet
