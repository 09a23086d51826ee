#include "parquet/json_scalars.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace salesflow::parquet {

void AppendJsonBase64(std::span<const uint8_t> b, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out->push_back('"');
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    const uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8) | b[i + 2];
    out->push_back(kAlphabet[v >> 18]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  if (b.size() - i == 1) {
    const uint32_t v = uint32_t{b[i]} << 16;
    out->push_back(kAlphabet[v >> 18]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->append("==");
  } else if (b.size() - i == 2) {
    const uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8);
    out->push_back(kAlphabet[v >> 18]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back('=');
  }
  out->push_back('"');
}

namespace {

template <typename F>
void AppendFloating(F v, std::string* out) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
  } else if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out->append(buf, end);
  }
}

void AppendScaled(const std::string& digits, bool negative, int32_t scale, std::string* out) {
  out->push_back('"');
  if (negative) out->push_back('-');
  if (scale <= 0) {
    out->append(digits);
    if (digits != "0") out->append(static_cast<size_t>(-static_cast<int64_t>(scale)), '0');
  } else {
    // Appends piecewise (no insert into `digits`: g++ 12 -O3 warns falsely about restrict).
    const size_t s = static_cast<size_t>(scale);
    if (digits.size() <= s) {
      out->append("0.");
      out->append(s - digits.size(), '0');
      out->append(digits);
    } else {
      out->append(digits, 0, digits.size() - s);
      out->push_back('.');
      out->append(digits, digits.size() - s, s);
    }
  }
  out->push_back('"');
}

}  // namespace

void AppendJsonDouble(double v, std::string* out) {
  AppendFloating(v, out);
}
void AppendJsonFloat(float v, std::string* out) {
  AppendFloating(v, out);
}

float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  const uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  uint32_t bits;
  if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;
  } else {
    // Subnormal half: normalise into a float exponent.
    int e = -1;
    do {
      ++e;
      mant <<= 1;
    } while ((mant & 0x400) == 0);
    bits = sign | (static_cast<uint32_t>(112 - e) << 23) | ((mant & 0x3ff) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

void AppendJsonDecimal(int64_t unscaled, int32_t scale, std::string* out) {
  const bool negative = unscaled < 0;
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(unscaled) + 1 : static_cast<uint64_t>(unscaled);
  AppendScaled(std::to_string(magnitude), negative, scale, out);
}

Status AppendJsonDecimalBytes(std::span<const uint8_t> be, int32_t scale, std::string* out) {
  if (be.size() > 32) {
    return Corruption("decimal of " + std::to_string(be.size()) + " bytes (at most 32)");
  }
  if (be.empty()) {
    AppendScaled("0", false, scale, out);
    return Status::Ok();
  }
  std::vector<uint8_t> mag(be.begin(), be.end());
  const bool negative = (mag[0] & 0x80) != 0;
  if (negative) {  // two's complement negation, big-endian
    unsigned carry = 1;
    for (size_t i = mag.size(); i-- > 0;) {
      const unsigned v = static_cast<uint8_t>(~mag[i]) + carry;
      mag[i] = static_cast<uint8_t>(v);
      carry = v >> 8;
    }
  }
  // Repeated division by 10 of the base-256 number.
  std::string digits;
  size_t start = 0;
  while (start < mag.size() && mag[start] == 0) ++start;
  while (start < mag.size()) {
    unsigned rem = 0;
    for (size_t i = start; i < mag.size(); ++i) {
      const unsigned cur = (rem << 8) | mag[i];
      mag[i] = static_cast<uint8_t>(cur / 10);
      rem = cur % 10;
    }
    digits.push_back(static_cast<char>('0' + rem));
    while (start < mag.size() && mag[start] == 0) ++start;
  }
  if (digits.empty()) digits.push_back('0');
  std::string forward(digits.rbegin(), digits.rend());
  AppendScaled(forward, negative && forward != "0", scale, out);
  return Status::Ok();
}

int64_t Int96ToMicros(const uint8_t* p) {
  // Arrow's arithmetic exactly (unsigned day and nanosecond fields, wrapping), so values
  // outside the representable range come out as pyarrow shows them.
  uint64_t nanos;
  uint32_t julian_day;
  std::memcpy(&nanos, p, 8);
  std::memcpy(&julian_day, p + 8, 4);
  constexpr uint64_t kJulianUnixEpoch = 2440588;
  constexpr uint64_t kMicrosPerDay = 86400ull * 1000000ull;
  const uint64_t days = static_cast<uint64_t>(julian_day) - kJulianUnixEpoch;
  return static_cast<int64_t>(days * kMicrosPerDay + nanos / 1000);
}

void AppendJsonTimeMicros(int64_t micros, std::string* out) {
  const int64_t secs = micros / 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "\"%02lld:%02lld:%02lld.%06lld\"",
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60), static_cast<long long>(micros % 1000000));
  out->append(buf);
}

}  // namespace salesflow::parquet
