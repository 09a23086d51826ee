#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace salesflow::parquet {

// Decoder of DELTA_BINARY_PACKED (Encodings.md) for INT32 and INT64 columns. Arithmetic wraps
// as the spec requires; every block header, bit width and miniblock is checked against the
// input, so hostile data gives Corruption and the work done is bounded by the input size.
class DeltaBinaryPackedDecoder {
 public:
  // Parses the stream header at the start of `data` (which must outlive the decoder).
  static Result<DeltaBinaryPackedDecoder> Open(std::span<const uint8_t> data);

  // Values the header says the stream holds.
  uint64_t total_values() const { return total_; }

  // Decodes the next `n` values. T is int32_t or int64_t.
  template <typename T>
  Status Decode(T* out, size_t n);

  // Skips the values not decoded yet and returns the offset just past the stream (where the
  // next section of a DELTA_LENGTH_BYTE_ARRAY or DELTA_BYTE_ARRAY page starts).
  Result<size_t> End();

 private:
  explicit DeltaBinaryPackedDecoder(std::span<const uint8_t> data) : data_(data) {}
  Status ReadBlockHeader();
  Status Next(uint64_t* out, size_t n, bool skip);

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  uint64_t block_size_ = 0;
  uint64_t miniblocks_ = 0;
  uint64_t per_miniblock_ = 0;
  uint64_t total_ = 0;
  uint64_t produced_ = 0;            // values handed out (including the first value)
  uint64_t last_ = 0;                // last value, as wrapping uint64
  uint64_t min_delta_ = 0;           // current block's minimum delta
  const uint8_t* widths_ = nullptr;  // current block's miniblock bit widths
  uint64_t miniblock_ = 0;           // index of the current miniblock in the block
  uint64_t in_miniblock_ = 0;        // values left in the current miniblock
  size_t miniblock_start_ = 0;       // offset of the current miniblock's bits
  size_t miniblock_bytes_ = 0;       // bytes of the current miniblock present in data_
  std::vector<uint64_t> scratch_;
};

// Owns the bytes of values a decoder had to rebuild (DELTA_BYTE_ARRAY), so views stay valid
// for as long as the column chunk is being assembled.
class ByteArena {
 public:
  // Copies `bytes` into the arena; the returned view lives as long as the arena.
  std::string_view Store(std::string&& bytes) {
    strings_.push_back(std::move(bytes));
    return strings_.back();
  }

 private:
  std::deque<std::string> strings_;
};

// DELTA_LENGTH_BYTE_ARRAY: `n` values; views point into `data`. Returns bytes consumed.
Result<size_t> DecodeDeltaLengthByteArray(std::span<const uint8_t> data, size_t n,
                                          std::string_view* out);

// DELTA_BYTE_ARRAY (incremental / front coding): `n` values rebuilt into `arena`. Shared
// prefixes let a few input bytes expand a lot, so the rebuilt values may total at most
// `max_bytes` (Corruption beyond).
Result<size_t> DecodeDeltaByteArray(std::span<const uint8_t> data, size_t n, std::string_view* out,
                                    ByteArena* arena, size_t max_bytes);

}  // namespace salesflow::parquet
