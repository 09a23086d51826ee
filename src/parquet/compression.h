#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace salesflow::parquet {

// Page compression codecs; the values are parquet.thrift's CompressionCodec numbers, so a
// footer's codec field converts with a static_cast after a range check (CodecFromThrift).
enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // the deprecated Hadoop-framed LZ4: we do not read it
  kZstd = 6,
  kLz4Raw = 7,
};

// "SNAPPY", "ZSTD", ... as parquet.thrift spells them; "CODEC(<n>)" for unknown numbers.
std::string_view CompressionCodecName(CompressionCodec codec);

// The codec for a thrift number; Unsupported("unsupported: codec ...") for numbers we do not
// know at all (known but unimplemented codecs are reported by MakeCodec).
Result<CompressionCodec> CodecFromThrift(int32_t value);

// One codec's compressor and decompressor. An instance keeps its library contexts (zstd,
// zlib) between pages to avoid re-allocating them, so it is not thread-safe: use one per
// thread. Calls are per page, never per value.
class Codec {
 public:
  virtual ~Codec() = default;

  // Which codec this is.
  virtual CompressionCodec codec() const = 0;

  // Decompresses `input` into exactly `output.size()` bytes (the page header's
  // uncompressed_page_size). Corruption when the input does not decode, or decodes to a
  // different length; never writes outside `output`.
  virtual Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) = 0;

  // Appends the compressed form of `input` to `out`. Unsupported for read-only codecs.
  virtual Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) = 0;
};

// Options for MakeCodec.
struct CodecOptions {
  // Compression level; 0 means the library's default (zstd 3, zlib 6). Ignored by snappy.
  int level = 0;
};

// A codec able to decompress `codec` (and compress it when it is UNCOMPRESSED, SNAPPY, ZSTD or
// GZIP). Unsupported("unsupported: <NAME> compression") for LZO, BROTLI and Hadoop LZ4.
Result<std::unique_ptr<Codec>> MakeCodec(CompressionCodec codec, CodecOptions options = {});

}  // namespace salesflow::parquet
