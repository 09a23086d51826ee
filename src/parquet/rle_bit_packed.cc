#include "parquet/rle_bit_packed.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "base/check.h"

namespace salesflow::parquet {
namespace {

uint64_t LoadLE64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // the build targets little-endian machines only (x86-64, arm64)
}

// Value i of a bit-packed run whose bytes may end within 8 bytes of the value: assembles it
// byte by byte, treating bytes past `size` as zero (parquet's final-run padding).
uint64_t SlowGet(const uint8_t* p, size_t size, int bit_width, size_t i) {
  uint64_t bit = static_cast<uint64_t>(i) * static_cast<uint64_t>(bit_width);
  uint64_t value = 0;
  for (int b = 0; b < bit_width; ++b, ++bit) {
    size_t byte = static_cast<size_t>(bit >> 3);
    if (byte >= size) break;
    value |= static_cast<uint64_t>((p[byte] >> (bit & 7)) & 1) << b;
  }
  return value;
}

// The hot loop, with the width known at compile time so shifts and masks fold.
template <int kWidth, typename T>
void UnpackFixed(const uint8_t* p, size_t size, size_t first, size_t n, T* out) {
  if constexpr (kWidth == 0) {
    std::fill(out, out + n, T{0});
  } else {
    constexpr uint64_t kMask = kWidth >= 64 ? ~uint64_t{0} : (uint64_t{1} << kWidth) - 1;
    size_t i = first;
    const size_t end = first + n;
    // Values whose 8-byte window lies inside the buffer take the fast path.
    for (; i < end; ++i) {
      const uint64_t bit = static_cast<uint64_t>(i) * kWidth;
      const size_t byte = static_cast<size_t>(bit >> 3);
      // Widths over 56 may need a ninth byte when the value starts mid-byte.
      if (byte + (kWidth > 56 ? 9 : 8) > size) break;
      const int shift = static_cast<int>(bit & 7);
      uint64_t v = LoadLE64(p + byte) >> shift;
      if constexpr (kWidth > 56) {
        if (shift + kWidth > 64) {
          v |= static_cast<uint64_t>(p[byte + 8]) << (64 - shift);
        }
      }
      *out++ = static_cast<T>(v & kMask);
    }
    for (; i < end; ++i) *out++ = static_cast<T>(SlowGet(p, size, kWidth, i));
  }
}

template <typename T, int... kWidths>
void UnpackDispatch(std::integer_sequence<int, kWidths...>, const uint8_t* p, size_t size,
                    int bit_width, size_t first, size_t n, T* out) {
  using Fn = void (*)(const uint8_t*, size_t, size_t, size_t, T*);
  static constexpr Fn kTable[] = {&UnpackFixed<kWidths, T>...};
  kTable[bit_width](p, size, first, n, out);
}

// Reads a ULEB128 varint of at most 5 bytes (a uint32 run header).
bool ReadHeader(std::span<const uint8_t> data, size_t* pos, uint32_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*pos >= data.size()) return false;
    uint8_t b = data[(*pos)++];
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      if (v > UINT32_MAX) return false;
      *out = static_cast<uint32_t>(v);
      return true;
    }
  }
  return false;
}

void PutVarint(uint64_t v, std::vector<uint8_t>* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<uint8_t>(v));
}

// Appends `n` values packed LSB-first at `bit_width` bits (n a multiple of 8).
void PackBits(const uint32_t* values, size_t n, int bit_width, std::vector<uint8_t>* out) {
  uint64_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc |= static_cast<uint64_t>(values[i]) << bits;
    bits += bit_width;
    while (bits >= 8) {
      out->push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out->push_back(static_cast<uint8_t>(acc));
}

void EncodeValues(const std::vector<uint32_t>& values, int bit_width, std::vector<uint8_t>* out) {
  const size_t n = values.size();
  const int value_bytes = (bit_width + 7) / 8;
  std::vector<uint32_t> literals;
  auto flush_literals = [&] {
    if (literals.empty()) return;
    // Pad the last group of 8 with zeros; only the final run of a stream can end padded,
    // which the loop below guarantees (mid-stream literal runs are whole groups).
    while (literals.size() % 8 != 0) literals.push_back(0);
    PutVarint((static_cast<uint64_t>(literals.size() / 8) << 1) | 1, out);
    PackBits(literals.data(), literals.size(), bit_width, out);
    literals.clear();
  };
  size_t i = 0;
  while (i < n) {
    if (literals.size() % 8 == 0) {
      size_t run = 1;
      while (i + run < n && values[i + run] == values[i]) ++run;
      if (run >= 8) {
        flush_literals();
        PutVarint(static_cast<uint64_t>(run) << 1, out);
        for (int b = 0; b < value_bytes; ++b)
          out->push_back(static_cast<uint8_t>(values[i] >> (8 * b)));
        i += run;
        continue;
      }
    }
    literals.push_back(values[i++]);
  }
  flush_literals();
}

}  // namespace

int BitWidthFor(uint64_t max_value) {
  int width = 0;
  while (max_value != 0) {
    ++width;
    max_value >>= 1;
  }
  return width;
}

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width)
    : bit_width_(bit_width),
      max_value_(bit_width >= 32 ? UINT32_MAX : (uint32_t{1} << bit_width) - 1) {
  SF_CHECK_GE(bit_width, 0);
  SF_CHECK_LE(bit_width, 32);
}

void RleBitPackedEncoder::Append(std::span<const uint32_t> values) {
  for (uint32_t v : values) SF_CHECK_LE(v, max_value_);
  values_.insert(values_.end(), values.begin(), values.end());
}

void RleBitPackedEncoder::Append(std::span<const int16_t> values) {
  values_.reserve(values_.size() + values.size());
  for (int16_t v : values) {
    SF_CHECK_GE(v, 0);
    SF_CHECK_LE(static_cast<uint32_t>(v), max_value_);
    values_.push_back(static_cast<uint32_t>(v));
  }
}

void RleBitPackedEncoder::Finish(std::vector<uint8_t>* out) {
  EncodeValues(values_, bit_width_, out);
  values_.clear();
}

void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width,
                        std::vector<uint8_t>* out) {
  RleBitPackedEncoder encoder(bit_width);
  encoder.Append(values);
  encoder.Finish(out);
}

void EncodeRleBitPacked(std::span<const int16_t> values, int bit_width, std::vector<uint8_t>* out) {
  RleBitPackedEncoder encoder(bit_width);
  encoder.Append(values);
  encoder.Finish(out);
}

template <typename T>
void UnpackBits(const uint8_t* packed, size_t packed_size, int bit_width, size_t first, size_t n,
                T* out) {
  SF_CHECK_GE(bit_width, 0);
  SF_CHECK_LE(bit_width, 64);
  UnpackDispatch<T>(std::make_integer_sequence<int, 65>(), packed, packed_size, bit_width, first, n,
                    out);
}

RleBitPackedDecoder::RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width)
    : data_(data), bit_width_(bit_width) {}

Status RleBitPackedDecoder::NextRun() {
  uint32_t header = 0;
  if (!ReadHeader(data_, &pos_, &header)) {
    return Corruption(pos_ >= data_.size() ? "RLE/bit-packed data ends before its values"
                                           : "malformed RLE/bit-packed run header");
  }
  if ((header & 1) == 0) {
    rle_ = true;
    remaining_ = header >> 1;
    const size_t value_bytes = static_cast<size_t>((bit_width_ + 7) / 8);
    if (data_.size() - pos_ < value_bytes) return Corruption("RLE run value truncated");
    uint32_t v = 0;
    for (size_t b = 0; b < value_bytes; ++b) v |= static_cast<uint32_t>(data_[pos_ + b]) << (8 * b);
    rle_value_ = v;
    pos_ += value_bytes;
  } else {
    rle_ = false;
    const size_t count = static_cast<size_t>(header >> 1) * 8;
    const size_t bytes = (header >> 1) * static_cast<size_t>(bit_width_);
    packed_ = data_.data() + pos_;
    packed_index_ = 0;
    if (bytes <= data_.size() - pos_) {
      packed_bytes_ = bytes;
      remaining_ = count;
    } else {
      // A final run cut short of its padding: keep the values whose bits are all present.
      packed_bytes_ = data_.size() - pos_;
      remaining_ = bit_width_ == 0 ? count : packed_bytes_ * 8 / static_cast<size_t>(bit_width_);
    }
    pos_ += packed_bytes_;
  }
  return Status::Ok();
}

template <typename T>
Status RleBitPackedDecoder::Decode(T* out, size_t n) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return Corruption("RLE/bit-packed bit width " + std::to_string(bit_width_) + " out of 0..32");
  }
  while (n > 0) {
    if (remaining_ == 0) SF_RETURN_IF_ERROR(NextRun());
    const size_t take = std::min(n, remaining_);
    if (rle_) {
      std::fill(out, out + take, static_cast<T>(rle_value_));
    } else {
      UnpackDispatch<T>(std::make_integer_sequence<int, 33>(), packed_, packed_bytes_, bit_width_,
                        packed_index_, take, out);
      packed_index_ += take;
    }
    out += take;
    n -= take;
    remaining_ -= take;
  }
  return Status::Ok();
}

template Status RleBitPackedDecoder::Decode<uint8_t>(uint8_t*, size_t);
template Status RleBitPackedDecoder::Decode<int16_t>(int16_t*, size_t);
template Status RleBitPackedDecoder::Decode<uint16_t>(uint16_t*, size_t);
template Status RleBitPackedDecoder::Decode<int32_t>(int32_t*, size_t);
template Status RleBitPackedDecoder::Decode<uint32_t>(uint32_t*, size_t);

template void UnpackBits<uint32_t>(const uint8_t*, size_t, int, size_t, size_t, uint32_t*);
template void UnpackBits<uint64_t>(const uint8_t*, size_t, int, size_t, size_t, uint64_t*);

}  // namespace salesflow::parquet
