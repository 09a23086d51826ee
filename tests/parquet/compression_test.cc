#include "parquet/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

// Mixed compressible and random content, deterministic per seed.
std::vector<uint8_t> SampleData(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = (i / 64) % 2 == 0 ? static_cast<uint8_t>("salesflow"[i % 9])
                               : static_cast<uint8_t>(rng() & 0xff);
  }
  return out;
}

std::unique_ptr<Codec> Make(CompressionCodec c) {
  auto codec = MakeCodec(c);
  EXPECT_TRUE(codec.ok()) << codec.status().ToString();
  return std::move(codec).value();
}

constexpr CompressionCodec kWritable[] = {CompressionCodec::kUncompressed,
                                          CompressionCodec::kSnappy, CompressionCodec::kGzip,
                                          CompressionCodec::kZstd, CompressionCodec::kLz4Raw};

TEST(CompressionTest, RoundTripsManySizes) {
  for (CompressionCodec c : kWritable) {
    SCOPED_TRACE(CompressionCodecName(c));
    auto codec = Make(c);
    ASSERT_EQ(codec->codec(), c);
    for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{100}, size_t{4096}, size_t{300000}}) {
      std::vector<uint8_t> input = SampleData(n, static_cast<uint32_t>(n));
      std::vector<uint8_t> compressed = {0xAA};  // Compress appends: keep a prefix byte.
      ASSERT_TRUE(codec->Compress(input, &compressed).ok());
      ASSERT_EQ(compressed[0], 0xAA);
      std::vector<uint8_t> output(n);
      Status st = codec->Decompress(std::span(compressed).subspan(1), output);
      ASSERT_TRUE(st.ok()) << st.ToString() << " size " << n;
      EXPECT_EQ(output, input) << "size " << n;
    }
  }
}

TEST(CompressionTest, CompressibleDataShrinks) {
  for (CompressionCodec c : kWritable) {
    SCOPED_TRACE(CompressionCodecName(c));
    if (c == CompressionCodec::kUncompressed) continue;  // identity codec
    auto codec = Make(c);
    std::vector<uint8_t> input(100000, 'x');
    std::vector<uint8_t> compressed;
    ASSERT_TRUE(codec->Compress(input, &compressed).ok());
    EXPECT_LT(compressed.size(), input.size() / 10);
  }
}

TEST(CompressionTest, WrongDeclaredSizeIsCorruption) {
  for (CompressionCodec c : kWritable) {
    SCOPED_TRACE(CompressionCodecName(c));
    auto codec = Make(c);
    std::vector<uint8_t> input = SampleData(5000, 1);
    std::vector<uint8_t> compressed;
    ASSERT_TRUE(codec->Compress(input, &compressed).ok());
    for (size_t wrong : {size_t{4999}, size_t{5001}, size_t{0}, size_t{100000}}) {
      std::vector<uint8_t> output(wrong);
      Status st = codec->Decompress(compressed, output);
      EXPECT_EQ(st.code(), StatusCode::kCorruption) << wrong << ": " << st.ToString();
    }
  }
}

TEST(CompressionTest, GarbageAndTruncationNeverCrash) {
  for (CompressionCodec c : kWritable) {
    SCOPED_TRACE(CompressionCodecName(c));
    auto codec = Make(c);
    std::vector<uint8_t> input = SampleData(20000, 2);
    std::vector<uint8_t> compressed;
    ASSERT_TRUE(codec->Compress(input, &compressed).ok());
    std::vector<uint8_t> output(input.size());
    // Every truncation must fail (the full size cannot be produced from a prefix).
    for (size_t cut = 0; cut < compressed.size(); cut += 1 + compressed.size() / 200) {
      Status st = codec->Decompress(std::span(compressed).first(cut), output);
      EXPECT_FALSE(st.ok()) << "cut at " << cut;
    }
    // Bit flips may or may not be detected (snappy and lz4 carry no checksum), but must stay
    // inside the output buffer, which ASan checks.
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
      std::vector<uint8_t> damaged = compressed;
      damaged[rng() % damaged.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
      (void)codec->Decompress(damaged, output);
    }
  }
}

// Gzips `data` as one member with zlib, independently of the codec under test.
std::vector<uint8_t> GzipMember(std::string_view data) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&z, data.size()));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

TEST(CompressionTest, ReadsConcatenatedMembers) {
  auto codec = Make(CompressionCodec::kGzip);
  std::vector<uint8_t> all = GzipMember("hello, ");
  std::vector<uint8_t> second = GzipMember("gzip members");
  all.insert(all.end(), second.begin(), second.end());
  std::vector<uint8_t> out(19);
  Status st = codec->Decompress(all, out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(std::string(out.begin(), out.end()), "hello, gzip members");
}

TEST(CompressionTest, ReadsZlibFramedData) {
  std::string text(1000, 'z');
  std::vector<uint8_t> compressed(compressBound(text.size()));
  uLongf len = compressed.size();
  ASSERT_EQ(
      compress(compressed.data(), &len, reinterpret_cast<const Bytef*>(text.data()), text.size()),
      Z_OK);
  compressed.resize(len);
  std::vector<uint8_t> out(text.size());
  ASSERT_TRUE(Make(CompressionCodec::kGzip)->Decompress(compressed, out).ok());
  EXPECT_EQ(std::string(out.begin(), out.end()), text);
}

TEST(CompressionTest, DecodesHandMadeStream) {
  // varint length 5, then a literal tag (len-1)<<2 = 0x10 and the bytes.
  std::vector<uint8_t> stream = {0x05, 0x10, 'a', 'b', 'c', 'd', 'e'};
  std::vector<uint8_t> out(5);
  ASSERT_TRUE(Make(CompressionCodec::kSnappy)->Decompress(stream, out).ok());
  EXPECT_EQ(out, Bytes("abcde"));
  // A copy reaching before the start of the output must be rejected.
  std::vector<uint8_t> bad = {0x08, 0x00, 'a', 0x11, 0x10};
  std::vector<uint8_t> out8(8);
  EXPECT_EQ(Make(CompressionCodec::kSnappy)->Decompress(bad, out8).code(), StatusCode::kCorruption);
}

TEST(CompressionTest, ReadsHadoopFramingAndRawFallback) {
  auto raw = Make(CompressionCodec::kLz4Raw);
  std::vector<uint8_t> text = SampleData(3000, 9);
  std::vector<uint8_t> block;
  ASSERT_TRUE(raw->Compress(text, &block).ok());
  std::vector<uint8_t> framed;
  auto put32 = [&](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) framed.push_back(static_cast<uint8_t>(v >> shift));
  };
  put32(static_cast<uint32_t>(text.size()));
  put32(static_cast<uint32_t>(block.size()));
  framed.insert(framed.end(), block.begin(), block.end());
  auto hadoop = Make(CompressionCodec::kLz4);
  std::vector<uint8_t> out(text.size());
  ASSERT_TRUE(hadoop->Decompress(framed, out).ok());
  EXPECT_EQ(out, text);
  std::fill(out.begin(), out.end(), 0);
  ASSERT_TRUE(hadoop->Decompress(block, out).ok());
  EXPECT_EQ(out, text);
  EXPECT_EQ(hadoop->Compress(text, &block).code(), StatusCode::kUnsupported);
}

TEST(CompressionTest, UnsupportedCodecsSayWhat) {
  auto brotli = MakeCodec(CompressionCodec::kBrotli);
  ASSERT_FALSE(brotli.ok());
  EXPECT_EQ(brotli.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(brotli.status().message(), "unsupported: BROTLI compression");
  EXPECT_EQ(MakeCodec(CompressionCodec::kLzo).status().message(), "unsupported: LZO compression");
  EXPECT_EQ(CodecFromThrift(8).status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(CodecFromThrift(-1).status().code(), StatusCode::kUnsupported);
  ASSERT_TRUE(CodecFromThrift(6).ok());
  EXPECT_EQ(*CodecFromThrift(6), CompressionCodec::kZstd);
}

TEST(CompressionTest, LevelsAreHonoured) {
  std::vector<uint8_t> input = SampleData(200000, 3);
  std::vector<uint8_t> fast;
  std::vector<uint8_t> strong;
  ASSERT_TRUE((*MakeCodec(CompressionCodec::kZstd, {.level = 1}))->Compress(input, &fast).ok());
  ASSERT_TRUE((*MakeCodec(CompressionCodec::kZstd, {.level = 19}))->Compress(input, &strong).ok());
  EXPECT_LE(strong.size(), fast.size());
}

}  // namespace
}  // namespace salesflow::parquet
