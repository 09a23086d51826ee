#include "parquet/plain_decoding.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

TEST(PlainDecodingTest, FixedWidthValues) {
  std::vector<uint8_t> data = {1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x10, 0x27, 0, 0, 9};
  int32_t out[3];
  auto used = DecodePlainFixed(data, 3, 4, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 12u);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], 10000);
  EXPECT_EQ(DecodePlainFixed(data, 4, 4, out).status().code(), StatusCode::kCorruption);
  double d = 0;
  std::vector<uint8_t> dbytes(8);
  const double pi = 3.25;
  std::memcpy(dbytes.data(), &pi, 8);
  ASSERT_TRUE(DecodePlainFixed(dbytes, 1, 8, &d).ok());
  EXPECT_EQ(d, 3.25);
  // A count whose byte size overflows size_t must be rejected, not wrapped.
  EXPECT_FALSE(DecodePlainFixed(data, SIZE_MAX / 2, 12, out).ok());
  EXPECT_FALSE(DecodePlainFixed(data, 1, 0, out).ok());
}

TEST(PlainDecodingTest, BooleansAreBitPackedLsbFirst) {
  std::vector<uint8_t> data = {0b10110001, 0b00000011};
  uint8_t out[10];
  auto used = DecodePlainBoolean(data, 10, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 2u);
  const uint8_t want[10] = {1, 0, 0, 0, 1, 1, 0, 1, 1, 1};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(out[i], want[i]) << i;
  EXPECT_FALSE(DecodePlainBoolean(data, 17, out).ok());
}

TEST(PlainDecodingTest, ByteArrays) {
  std::vector<uint8_t> data = {3, 0, 0, 0, 'a', 'b', 'c', 0, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0xa9};
  std::string_view out[3];
  auto used = DecodePlainByteArray(data, 3, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, data.size());
  EXPECT_EQ(out[0], "abc");
  EXPECT_EQ(out[1], "");
  EXPECT_EQ(out[2], "\xc3\xa9");
  // Length running past the end, truncated length, impossible count.
  std::vector<uint8_t> bad = {5, 0, 0, 0, 'a'};
  EXPECT_EQ(DecodePlainByteArray(bad, 1, out).status().code(), StatusCode::kCorruption);
  std::vector<uint8_t> huge = {0xff, 0xff, 0xff, 0xff, 'a'};
  EXPECT_EQ(DecodePlainByteArray(huge, 1, out).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodePlainByteArray(data, 1000000, out).status().code(), StatusCode::kCorruption);
}

TEST(PlainDecodingTest, ByteStreamSplit) {
  // Two floats 1.0f (0x3f800000) and -2.0f (0xc0000000), streams of byte 0..3.
  std::vector<uint8_t> data = {0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3f, 0xc0};
  float out[2];
  auto used = DecodeByteStreamSplit(data, 2, 4, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 8u);
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -2.0f);
  EXPECT_FALSE(DecodeByteStreamSplit(data, 3, 4, out).ok());
}

}  // namespace
}  // namespace salesflow::parquet
