#include "parquet/delta_decoding.h"

#include <algorithm>
#include <string>

#include "parquet/rle_bit_packed.h"

namespace salesflow::parquet {
namespace {

// Largest block the decoder accepts; writers use 128 (parquet-mr, Arrow) and the spec only
// asks for a multiple of 128, so this only rejects absurd headers.
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 20;
constexpr uint64_t kMaxMiniblocks = 1024;

bool ReadUleb(std::span<const uint8_t> data, size_t* pos, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= data.size()) return false;
    const uint8_t b = data[(*pos)++];
    if (shift == 63 && (b & 0x7e) != 0) return false;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return true;
    }
  }
  return false;
}

bool ReadZigZag(std::span<const uint8_t> data, size_t* pos, uint64_t* out) {
  uint64_t u;
  if (!ReadUleb(data, pos, &u)) return false;
  *out = (u >> 1) ^ (~(u & 1) + 1);  // two's complement of -(u & 1), as uint64
  return true;
}

}  // namespace

Result<DeltaBinaryPackedDecoder> DeltaBinaryPackedDecoder::Open(std::span<const uint8_t> data) {
  DeltaBinaryPackedDecoder d(data);
  uint64_t first = 0;
  if (!ReadUleb(data, &d.pos_, &d.block_size_) || !ReadUleb(data, &d.pos_, &d.miniblocks_) ||
      !ReadUleb(data, &d.pos_, &d.total_) || !ReadZigZag(data, &d.pos_, &first)) {
    return Corruption("DELTA_BINARY_PACKED: truncated header");
  }
  if (d.block_size_ == 0 || d.block_size_ % 128 != 0 || d.block_size_ > kMaxBlockSize ||
      d.miniblocks_ == 0 || d.miniblocks_ > kMaxMiniblocks || d.block_size_ % d.miniblocks_ != 0 ||
      (d.block_size_ / d.miniblocks_) % 32 != 0) {
    return Corruption("DELTA_BINARY_PACKED: bad block size " + std::to_string(d.block_size_) +
                      " with " + std::to_string(d.miniblocks_) + " miniblocks");
  }
  d.per_miniblock_ = d.block_size_ / d.miniblocks_;
  d.last_ = first;
  return d;
}

Status DeltaBinaryPackedDecoder::ReadBlockHeader() {
  if (!ReadZigZag(data_, &pos_, &min_delta_)) {
    return Corruption("DELTA_BINARY_PACKED: stream ends before its " + std::to_string(total_) +
                      " values");
  }
  if (data_.size() - pos_ < miniblocks_) return Corruption("DELTA_BINARY_PACKED: truncated widths");
  widths_ = data_.data() + pos_;
  pos_ += miniblocks_;
  miniblock_ = 0;
  return Status::Ok();
}

// Produces n values (after the first) into out, or only advances when skip is set.
Status DeltaBinaryPackedDecoder::Next(uint64_t* out, size_t n, bool skip) {
  while (n > 0) {
    if (in_miniblock_ == 0) {
      if (widths_ == nullptr || miniblock_ + 1 >= miniblocks_) {
        SF_RETURN_IF_ERROR(ReadBlockHeader());
      } else {
        ++miniblock_;
      }
      const int width = widths_[miniblock_];
      if (width > 64) {
        return Corruption("DELTA_BINARY_PACKED: miniblock bit width " + std::to_string(width));
      }
      const size_t full = static_cast<size_t>(per_miniblock_ * static_cast<uint64_t>(width) / 8);
      // Only the values still expected must be present: the last miniblock may be unpadded.
      const uint64_t left = total_ - produced_;
      const uint64_t needed = std::min<uint64_t>(left, per_miniblock_);
      const size_t needed_bytes =
          static_cast<size_t>((needed * static_cast<uint64_t>(width) + 7) / 8);
      if (data_.size() - pos_ < needed_bytes) {
        return Corruption("DELTA_BINARY_PACKED: miniblock runs past the page");
      }
      miniblock_start_ = pos_;
      miniblock_bytes_ = std::min(full, data_.size() - pos_);
      pos_ += miniblock_bytes_;
      in_miniblock_ = per_miniblock_;
    }
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n, in_miniblock_));
    const size_t index = static_cast<size_t>(per_miniblock_ - in_miniblock_);
    if (!skip) {
      const int width = widths_[miniblock_];
      UnpackBits<uint64_t>(data_.data() + miniblock_start_, miniblock_bytes_, width, index, take,
                           out);
      uint64_t v = last_;
      for (size_t i = 0; i < take; ++i) {
        v += min_delta_ + out[i];
        out[i] = v;
      }
      last_ = v;
      out += take;
    }
    in_miniblock_ -= take;
    produced_ += take;
    n -= take;
  }
  return Status::Ok();
}

template <typename T>
Status DeltaBinaryPackedDecoder::Decode(T* out, size_t n) {
  if (n > total_ - produced_) {
    return Corruption("DELTA_BINARY_PACKED: " + std::to_string(n) + " values wanted, " +
                      std::to_string(total_ - produced_) + " left in the stream");
  }
  if (n == 0) return Status::Ok();
  size_t i = 0;
  if (produced_ == 0) {
    out[i++] = static_cast<T>(last_);
    produced_ = 1;
  }
  constexpr size_t kChunk = 1024;
  scratch_.resize(kChunk);
  while (i < n) {
    const size_t take = std::min(kChunk, n - i);
    SF_RETURN_IF_ERROR(Next(scratch_.data(), take, /*skip=*/false));
    for (size_t k = 0; k < take; ++k) out[i + k] = static_cast<T>(scratch_[k]);
    i += take;
  }
  return Status::Ok();
}

Result<size_t> DeltaBinaryPackedDecoder::End() {
  if (total_ > produced_) {
    if (produced_ == 0) produced_ = 1;
    SF_RETURN_IF_ERROR(Next(nullptr, static_cast<size_t>(total_ - produced_), /*skip=*/true));
  }
  return pos_;
}

template Status DeltaBinaryPackedDecoder::Decode<int32_t>(int32_t*, size_t);
template Status DeltaBinaryPackedDecoder::Decode<int64_t>(int64_t*, size_t);

namespace {

// Reads `n` lengths from a DELTA_BINARY_PACKED stream and returns where the stream ends.
Result<size_t> ReadLengths(std::span<const uint8_t> data, size_t n, std::vector<int32_t>* lengths,
                           const char* what) {
  SF_ASSIGN_OR_RETURN(auto decoder, DeltaBinaryPackedDecoder::Open(data));
  if (decoder.total_values() < n) {
    return Corruption(std::string(what) + ": " + std::to_string(decoder.total_values()) +
                      " lengths for " + std::to_string(n) + " values");
  }
  lengths->resize(n);
  SF_RETURN_IF_ERROR(decoder.Decode(lengths->data(), n));
  return decoder.End();
}

}  // namespace

Result<size_t> DecodeDeltaLengthByteArray(std::span<const uint8_t> data, size_t n,
                                          std::string_view* out) {
  // Each value costs at least a bit of the length stream; bounds the allocation below.
  if (n > data.size() * 8 + 1024) return Corruption("DELTA_LENGTH_BYTE_ARRAY: too many values");
  std::vector<int32_t> lengths;
  SF_ASSIGN_OR_RETURN(size_t pos, ReadLengths(data, n, &lengths, "DELTA_LENGTH_BYTE_ARRAY"));
  const char* base = reinterpret_cast<const char*>(data.data());
  for (size_t i = 0; i < n; ++i) {
    const int32_t len = lengths[i];
    if (len < 0 || static_cast<size_t>(len) > data.size() - pos) {
      return Corruption("DELTA_LENGTH_BYTE_ARRAY: value " + std::to_string(i) + " of length " +
                        std::to_string(len) + " runs past the page");
    }
    out[i] = std::string_view(base + pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
  }
  return pos;
}

Result<size_t> DecodeDeltaByteArray(std::span<const uint8_t> data, size_t n, std::string_view* out,
                                    ByteArena* arena, size_t max_bytes) {
  if (n > data.size() * 8 + 1024) return Corruption("DELTA_BYTE_ARRAY: too many values");
  std::vector<int32_t> prefixes;
  SF_ASSIGN_OR_RETURN(size_t pos, ReadLengths(data, n, &prefixes, "DELTA_BYTE_ARRAY prefixes"));
  std::vector<std::string_view> suffixes(n);
  SF_ASSIGN_OR_RETURN(size_t used,
                      DecodeDeltaLengthByteArray(data.subspan(pos), n, suffixes.data()));
  // Rebuild every value into one arena string, then point the views into it.
  size_t total = 0;
  size_t previous = 0;
  for (size_t i = 0; i < n; ++i) {
    const int32_t p = prefixes[i];
    if (p < 0 || static_cast<size_t>(p) > previous) {
      return Corruption("DELTA_BYTE_ARRAY: prefix length " + std::to_string(p) + " of value " +
                        std::to_string(i) + " exceeds the previous value's " +
                        std::to_string(previous));
    }
    previous = static_cast<size_t>(p) + suffixes[i].size();
    total += previous;
    if (total > max_bytes) {
      return Corruption("DELTA_BYTE_ARRAY: values expand past " + std::to_string(max_bytes) +
                        " bytes");
    }
  }
  std::string all;
  all.reserve(total);
  size_t prev_start = 0;
  for (size_t i = 0; i < n; ++i) {
    const size_t start = all.size();
    all.append(all, prev_start, static_cast<size_t>(prefixes[i]));
    all.append(suffixes[i]);
    prev_start = start;
  }
  std::string_view stored = arena->Store(std::move(all));
  size_t at = 0;
  for (size_t i = 0; i < n; ++i) {
    const size_t len = static_cast<size_t>(prefixes[i]) + suffixes[i].size();
    out[i] = stored.substr(at, len);
    at += len;
  }
  return pos + used;
}

}  // namespace salesflow::parquet
