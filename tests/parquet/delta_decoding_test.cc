#include "parquet/delta_decoding.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace salesflow::parquet {
namespace {

TEST(DeltaDecodingTest, SpecExampleConstantDelta) {
  // 1 2 3 4 5: block 128, 4 miniblocks, 5 values, first 1; min delta 1, all widths 0.
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0, 0xEE};
  auto d = DeltaBinaryPackedDecoder::Open(data);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->total_values(), 5u);
  int32_t out[5];
  ASSERT_TRUE(d->Decode(out, 5).ok());
  EXPECT_EQ(std::vector<int32_t>(out, out + 5), (std::vector<int32_t>{1, 2, 3, 4, 5}));
  auto end = d->End();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, 10u);
}

TEST(DeltaDecodingTest, SpecExampleMixedDeltas) {
  // 7 5 3 1 2 3 4 5: min delta -2, relative deltas 0 0 0 3 3 3 3 at bit width 2.
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 2, 0, 0,
                               0,    0xC0, 0x3F, 0,    0,    0,    0, 0, 0};
  auto d = DeltaBinaryPackedDecoder::Open(data);
  ASSERT_TRUE(d.ok());
  int64_t out[8];
  ASSERT_TRUE(d->Decode(out, 3).ok());
  ASSERT_TRUE(d->Decode(out + 3, 5).ok());
  EXPECT_EQ(std::vector<int64_t>(out, out + 8), (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(*d->End(), data.size());
  int64_t extra;
  EXPECT_EQ(d->Decode(&extra, 1).code(), StatusCode::kCorruption);
}

TEST(DeltaDecodingTest, EndSkipsUndecodedValues) {
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 2, 0, 0,
                               0,    0xC0, 0x3F, 0,    0,    0,    0, 0, 0};
  auto d = DeltaBinaryPackedDecoder::Open(data);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d->End(), data.size());
}

TEST(DeltaDecodingTest, RejectsBadHeadersAndTruncation) {
  EXPECT_FALSE(DeltaBinaryPackedDecoder::Open(std::vector<uint8_t>{0x80}).ok());
  // Block size 100 is not a multiple of 128.
  EXPECT_FALSE(DeltaBinaryPackedDecoder::Open(std::vector<uint8_t>{100, 4, 1, 0}).ok());
  // 128 / 3 miniblocks is not a multiple of 32.
  EXPECT_FALSE(DeltaBinaryPackedDecoder::Open(std::vector<uint8_t>{0x80, 0x01, 3, 1, 0}).ok());
  // Width 65 in a miniblock.
  std::vector<uint8_t> wide = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 65, 0, 0, 0, 1, 2, 3};
  auto d = DeltaBinaryPackedDecoder::Open(wide);
  ASSERT_TRUE(d.ok());
  int64_t out[8];
  EXPECT_EQ(d->Decode(out, 8).code(), StatusCode::kCorruption);
  // Huge declared count with no data: fails when the data ends, quickly.
  std::vector<uint8_t> lying = {0x80, 0x01, 0x04, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00};
  auto l = DeltaBinaryPackedDecoder::Open(lying);
  ASSERT_TRUE(l.ok());
  EXPECT_FALSE(l->End().ok());
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> junk(rng() % 64);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    std::string_view views[16];
    ByteArena arena;
    (void)DecodeDeltaLengthByteArray(junk, rng() % 16, views);
    (void)DecodeDeltaByteArray(junk, rng() % 16, views, &arena, 1 << 20);
  }
}

TEST(DeltaDecodingTest, LengthAndIncrementalByteArrays) {
  // DELTA_LENGTH_BYTE_ARRAY of "Hello", "World", "Foobar", "ABCDEF": lengths 5 5 6 6
  // (first 5, deltas 0 1 0: min 0, width 1, bits 0b010 in the first byte).
  std::vector<uint8_t> lengths = {0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 1, 0, 0, 0, 0x02, 0, 0, 0};
  std::vector<uint8_t> page = lengths;
  for (char c : std::string("HelloWorldFoobarABCDEF")) page.push_back(static_cast<uint8_t>(c));
  std::string_view out[4];
  auto used = DecodeDeltaLengthByteArray(page, 4, out);
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, page.size());
  EXPECT_EQ(out[0], "Hello");
  EXPECT_EQ(out[1], "World");
  EXPECT_EQ(out[2], "Foobar");
  EXPECT_EQ(out[3], "ABCDEF");
  // DELTA_BYTE_ARRAY of "axis", "axle", "babble", "babyhood": prefixes 0 2 0 3, suffixes
  // "axis" "le" "babble" "yhood". Prefix stream: first 0, deltas 2 -2 3 (min -2 -> 4 0 5).
  std::vector<uint8_t> prefixes = {0x80,       0x01, 0x04, 0x04, 0x00, 0x03, 3, 0, 0, 0, 0b01000100,
                                   0b00000001, 0,    0,    0,    0,    0,    0, 0, 0, 0, 0};
  // Suffix lengths 4 2 6 5: first 4, deltas -2 4 -1 (min -2 -> 0 6 1) at width 3.
  std::vector<uint8_t> suffix_lengths = {0x80, 0x01, 0x04,       0x04,       0x08, 0x03, 3, 0,
                                         0,    0,    0b01110000, 0b00000000, 0,    0,    0, 0,
                                         0,    0,    0,          0,          0,    0};
  std::vector<uint8_t> dba = prefixes;
  dba.insert(dba.end(), suffix_lengths.begin(), suffix_lengths.end());
  for (char c : std::string("axislebabbleyhood")) dba.push_back(static_cast<uint8_t>(c));
  ByteArena arena;
  auto used2 = DecodeDeltaByteArray(dba, 4, out, &arena, 1000);
  ASSERT_TRUE(used2.ok()) << used2.status().ToString();
  EXPECT_EQ(*used2, dba.size());
  EXPECT_EQ(out[0], "axis");
  EXPECT_EQ(out[1], "axle");
  EXPECT_EQ(out[2], "babble");
  EXPECT_EQ(out[3], "babyhood");
  EXPECT_EQ(DecodeDeltaByteArray(dba, 4, out, &arena, 10).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace salesflow::parquet
