#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"

namespace salesflow::parquet {

// PLAIN decoding (Encodings.md) of `n` values from the start of `data`, in bulk. Each returns
// the number of bytes consumed, or Corruption when `data` is too short for `n` values.

// Fixed-width values (INT32, INT64, FLOAT, DOUBLE: little-endian; INT96: 12 bytes;
// FIXED_LEN_BYTE_ARRAY: `width` bytes) copied verbatim into `out` (n * width bytes).
Result<size_t> DecodePlainFixed(std::span<const uint8_t> data, size_t n, size_t width, void* out);

// BOOLEAN: bit-packed, least significant bit first; one 0/1 byte per value in `out`.
Result<size_t> DecodePlainBoolean(std::span<const uint8_t> data, size_t n, uint8_t* out);

// BYTE_ARRAY: 4-byte little-endian length then the bytes. The views point into `data`.
Result<size_t> DecodePlainByteArray(std::span<const uint8_t> data, size_t n, std::string_view* out);

// BYTE_STREAM_SPLIT for fixed-width values of `width` bytes: byte k of value i is at
// data[k * n + i]. Consumes exactly n * width bytes.
Result<size_t> DecodeByteStreamSplit(std::span<const uint8_t> data, size_t n, size_t width,
                                     void* out);

}  // namespace salesflow::parquet
