#include "parquet/rle_bit_packed.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace salesflow::parquet {
namespace {

std::vector<uint32_t> DecodeAll(const std::vector<uint8_t>& data, int bit_width, size_t n,
                                Status* status) {
  std::vector<uint32_t> out(n);
  RleBitPackedDecoder decoder(data, bit_width);
  *status = decoder.Decode(out.data(), n);
  return out;
}

// Value patterns that exercise RLE runs, bit-packed groups and their boundaries.
std::vector<uint32_t> Pattern(int kind, int bit_width, size_t n, std::mt19937* rng) {
  const uint64_t max = bit_width == 0 ? 0 : (uint64_t{1} << bit_width) - 1;
  std::vector<uint32_t> v(n);
  for (size_t i = 0; i < n; ++i) {
    switch (kind) {
      case 0:  // random
        v[i] = static_cast<uint32_t>(max == 0 ? 0 : (*rng)() % (max + 1));
        break;
      case 1:  // long runs of varying lengths
        v[i] = static_cast<uint32_t>(((i / (3 + (i % 29))) * 7919) & max);
        break;
      case 2:  // constant at the maximum
        v[i] = static_cast<uint32_t>(max);
        break;
      default:  // runs of exactly 7, 8 and 9 interleaved with literals
        v[i] = static_cast<uint32_t>(((i % 24) < 8 ? i / 24 : i) & max);
        break;
    }
  }
  return v;
}

TEST(RleBitPackedTest, RoundTripsEveryBitWidth) {
  std::mt19937 rng(42);
  for (int width = 0; width <= 32; ++width) {
    for (int kind = 0; kind < 4; ++kind) {
      for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{100},
                       size_t{1000}, size_t{4099}}) {
        std::vector<uint32_t> values = Pattern(kind, width, n, &rng);
        std::vector<uint8_t> encoded;
        EncodeRleBitPacked(values, width, &encoded);
        Status st;
        std::vector<uint32_t> decoded = DecodeAll(encoded, width, n, &st);
        ASSERT_TRUE(st.ok()) << st.ToString() << " width " << width << " kind " << kind;
        ASSERT_EQ(decoded, values) << "width " << width << " kind " << kind << " n " << n;
      }
    }
  }
}

TEST(RleBitPackedTest, DecodesInPiecesAndIntoNarrowTypes) {
  std::mt19937 rng(1);
  std::vector<uint32_t> values = Pattern(3, 3, 1000, &rng);
  std::vector<uint8_t> encoded;
  EncodeRleBitPacked(values, 3, &encoded);
  RleBitPackedDecoder decoder(encoded, 3);
  std::vector<int16_t> out(values.size());
  size_t done = 0;
  for (size_t step = 1; done < values.size(); step = step * 2 + 1) {
    size_t take = std::min(step, values.size() - done);
    ASSERT_TRUE(decoder.Decode(out.data() + done, take).ok());
    done += take;
  }
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(out[i], static_cast<int16_t>(values[i]));
  EXPECT_EQ(decoder.bytes_consumed(), encoded.size());
  // At most the 7 zeros padding the last bit-packed group remain.
  int16_t extra[8];
  EXPECT_EQ(decoder.Decode(extra, 8).code(), StatusCode::kCorruption);
}

TEST(RleBitPackedTest, SpecExampleBitPacked) {
  // Encodings.md: 0..7 at bit width 3 is header 0x03 then 10001000 11000110 11111010.
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint8_t> encoded;
  EncodeRleBitPacked(values, 3, &encoded);
  EXPECT_EQ(encoded, (std::vector<uint8_t>{0x03, 0x88, 0xC6, 0xFA}));
  Status st;
  EXPECT_EQ(DecodeAll(encoded, 3, 8, &st), values);
  EXPECT_TRUE(st.ok());
}

TEST(RleBitPackedTest, HandMadeRleRuns) {
  // 300 x 5 at width 3 (value in one byte), then 20 x 0x1234 at width 13 (two bytes).
  std::vector<uint8_t> run1 = {0xD8, 0x04, 0x05};  // varint(600) = 0xD8 0x04
  Status st;
  std::vector<uint32_t> got = DecodeAll(run1, 3, 300, &st);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(got, std::vector<uint32_t>(300, 5));
  std::vector<uint8_t> run2 = {40, 0x34, 0x12};
  got = DecodeAll(run2, 13, 20, &st);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(got, std::vector<uint32_t>(20, 0x1234));
  // Width 0: an RLE run carries no value bytes.
  got = DecodeAll({0x0A}, 0, 5, &st);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(got, std::vector<uint32_t>(5, 0));
  // The encoder produces exactly these bytes for the same runs.
  std::vector<uint8_t> encoded;
  EncodeRleBitPacked(std::vector<uint32_t>(300, 5), 3, &encoded);
  EXPECT_EQ(encoded, run1);
}

TEST(RleBitPackedTest, FinalRunMayBeShortOfItsPadding) {
  // One group of 8 at width 8 declared, but only 3 bytes present: 3 values are readable.
  std::vector<uint8_t> data = {0x03, 7, 8, 9};
  Status st;
  std::vector<uint32_t> got = DecodeAll(data, 8, 3, &st);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(got, (std::vector<uint32_t>{7, 8, 9}));
  got = DecodeAll(data, 8, 4, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
}

TEST(RleBitPackedTest, MalformedInputIsCorruption) {
  Status st;
  (void)DecodeAll({}, 1, 1, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  (void)DecodeAll({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 1, 1, &st);  // varint too long
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  (void)DecodeAll({0x04}, 16, 2, &st);  // RLE value bytes missing
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  (void)DecodeAll({0x04, 0x01}, 33, 2, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  // Random bytes: either an error or values, never a read out of bounds (ASan checks).
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> junk(rng() % 40);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    (void)DecodeAll(junk, static_cast<int>(rng() % 33), rng() % 300, &st);
  }
}

TEST(RleBitPackedTest, StreamingEncoderMatchesOneShot) {
  std::vector<int16_t> levels = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 2, 1};
  RleBitPackedEncoder encoder(2);
  encoder.Append(std::span(levels).first(5));
  encoder.Append(std::span(levels).subspan(5));
  EXPECT_EQ(encoder.size(), levels.size());
  std::vector<uint8_t> a;
  encoder.Finish(&a);
  EXPECT_EQ(encoder.size(), 0u);
  std::vector<uint8_t> b;
  EncodeRleBitPacked(levels, 2, &b);
  EXPECT_EQ(a, b);
}

TEST(RleBitPackedTest, BitWidthFor) {
  EXPECT_EQ(BitWidthFor(0), 0);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(2), 2);
  EXPECT_EQ(BitWidthFor(3), 2);
  EXPECT_EQ(BitWidthFor(255), 8);
  EXPECT_EQ(BitWidthFor(256), 9);
  EXPECT_EQ(BitWidthFor(UINT32_MAX), 32);
}

TEST(RleBitPackedTest, UnpackBitsWideWidths) {
  std::mt19937_64 rng(5);
  for (int width = 1; width <= 64; ++width) {
    const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    std::vector<uint64_t> values(37);
    for (auto& v : values) v = rng() & mask;
    std::vector<uint8_t> packed((values.size() * width + 7) / 8);
    for (size_t i = 0; i < values.size(); ++i) {
      for (int b = 0; b < width; ++b) {
        size_t bit = i * width + b;
        if ((values[i] >> b) & 1) packed[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
      }
    }
    std::vector<uint64_t> out(values.size() - 3);
    UnpackBits(packed.data(), packed.size(), width, 3, out.size(), out.data());
    ASSERT_EQ(out, std::vector<uint64_t>(values.begin() + 3, values.end())) << width;
  }
}

}  // namespace
}  // namespace salesflow::parquet
