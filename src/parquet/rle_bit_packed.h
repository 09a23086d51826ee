#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"

namespace salesflow::parquet {

// The RLE / bit-packed hybrid encoding of parquet-format (Encodings.md) used for definition
// and repetition levels, dictionary indices and RLE booleans. Bit widths are 0..32. Neither
// class writes or reads the 4-byte length prefix that DataPage V1 levels carry: callers do.

// Smallest bit width able to hold `max_value` (0 for 0, 1 for 1, 2 for 2..3, ...).
int BitWidthFor(uint64_t max_value);

// Buffers the values of one page, then encodes them in Finish(): runs of 8 or more equal
// values become RLE runs, everything else bit-packed groups of 8.
class RleBitPackedEncoder {
 public:
  // `bit_width` in 0..32; every value appended must fit in it.
  explicit RleBitPackedEncoder(int bit_width);

  // Appends values; each must be < 2^bit_width (checked: a larger one is a bug of the caller).
  void Append(std::span<const uint32_t> values);
  void Append(std::span<const int16_t> values);
  void Append(uint32_t value) { values_.push_back(value); }

  // Number of values appended since construction or the last Finish.
  size_t size() const { return values_.size(); }

  // Appends the encoding of everything appended so far to `out` and starts over.
  void Finish(std::vector<uint8_t>* out);

 private:
  int bit_width_;
  uint32_t max_value_;
  std::vector<uint32_t> values_;
};

// One-shot form of RleBitPackedEncoder for a whole array.
void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width, std::vector<uint8_t>* out);
void EncodeRleBitPacked(std::span<const int16_t> values, int bit_width, std::vector<uint8_t>* out);

// Decodes a hybrid stream in bulk. Bounds-checked against the input: hostile data gives a
// Corruption status, never a read outside `data`. Values wider than the output type are
// truncated, so callers validate ranges (levels <= max level, indices < dictionary size).
class RleBitPackedDecoder {
 public:
  // `data` must outlive the decoder; `bit_width` 0..32 (a larger one makes Decode fail).
  RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width);

  // Decodes exactly `n` more values into `out`. T is uint8_t, int16_t, uint16_t, int32_t or
  // uint32_t. Corruption when the stream ends or a run header is malformed.
  template <typename T>
  Status Decode(T* out, size_t n);

  // Bytes consumed so far by whole runs (for the next section of a page after the levels).
  size_t bytes_consumed() const { return pos_; }

 private:
  // Reads the next run header; false at end of data or on a malformed header.
  Status NextRun();

  std::span<const uint8_t> data_;
  int bit_width_;
  size_t pos_ = 0;                   // next unread byte of data_
  bool rle_ = false;                 // current run kind
  uint32_t rle_value_ = 0;           // value of the current RLE run
  size_t remaining_ = 0;             // values left in the current run
  const uint8_t* packed_ = nullptr;  // start of the current bit-packed run
  size_t packed_index_ = 0;          // index of the next value within the bit-packed run
  size_t packed_bytes_ = 0;          // bytes of the bit-packed run present in data_
};

// Unpacks `n` little-endian bit-packed values of `bit_width` bits starting at value index
// `first` of `packed` (which holds `packed_size` bytes) into `out`. The caller guarantees the
// values lie inside `packed`. Shared by the hybrid decoder and DELTA_BINARY_PACKED.
template <typename T>
void UnpackBits(const uint8_t* packed, size_t packed_size, int bit_width, size_t first, size_t n,
                T* out);

}  // namespace salesflow::parquet
