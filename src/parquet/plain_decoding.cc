#include "parquet/plain_decoding.h"

#include <cstring>
#include <string>

namespace salesflow::parquet {
namespace {

Status TooShort(std::string_view what, size_t n, size_t have) {
  return Corruption(std::string(what) + ": " + std::to_string(n) + " values need more than the " +
                    std::to_string(have) + " bytes left in the page");
}

}  // namespace

Result<size_t> DecodePlainFixed(std::span<const uint8_t> data, size_t n, size_t width, void* out) {
  if (width == 0) return Corruption("PLAIN: zero value width");
  if (n > data.size() / width) return TooShort("PLAIN", n, data.size());
  const size_t bytes = n * width;
  if (bytes != 0) std::memcpy(out, data.data(), bytes);
  return bytes;
}

Result<size_t> DecodePlainBoolean(std::span<const uint8_t> data, size_t n, uint8_t* out) {
  const size_t bytes = n / 8 + (n % 8 != 0 ? 1 : 0);
  if (bytes > data.size()) return TooShort("PLAIN BOOLEAN", n, data.size());
  const uint8_t* p = data.data();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint8_t b = p[i / 8];
    for (int k = 0; k < 8; ++k) out[i + k] = (b >> k) & 1;
  }
  for (; i < n; ++i) out[i] = (p[i / 8] >> (i % 8)) & 1;
  return bytes;
}

Result<size_t> DecodePlainByteArray(std::span<const uint8_t> data, size_t n,
                                    std::string_view* out) {
  // Every value needs at least its 4-byte length: reject impossible counts before looping.
  if (n > data.size() / 4) return TooShort("PLAIN BYTE_ARRAY", n, data.size());
  size_t pos = 0;
  const size_t size = data.size();
  const char* base = reinterpret_cast<const char*>(data.data());
  for (size_t i = 0; i < n; ++i) {
    if (size - pos < 4) return TooShort("PLAIN BYTE_ARRAY", n, size);
    uint32_t len;
    std::memcpy(&len, base + pos, 4);
    pos += 4;
    if (len > size - pos) {
      return Corruption("PLAIN BYTE_ARRAY: value " + std::to_string(i) + " of length " +
                        std::to_string(len) + " runs past the page (" + std::to_string(size - pos) +
                        " bytes left)");
    }
    out[i] = std::string_view(base + pos, len);
    pos += len;
  }
  return pos;
}

Result<size_t> DecodeByteStreamSplit(std::span<const uint8_t> data, size_t n, size_t width,
                                     void* out) {
  if (width == 0) return Corruption("BYTE_STREAM_SPLIT: zero value width");
  if (n > data.size() / width) return TooShort("BYTE_STREAM_SPLIT", n, data.size());
  // Streams are laid out for the page's full value count, which the caller passes as n.
  uint8_t* dst = static_cast<uint8_t*>(out);
  for (size_t k = 0; k < width; ++k) {
    const uint8_t* stream = data.data() + k * n;
    for (size_t i = 0; i < n; ++i) dst[i * width + k] = stream[i];
  }
  return n * width;
}

}  // namespace salesflow::parquet
