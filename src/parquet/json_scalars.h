#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/json_string.h"
#include "base/status.h"

namespace salesflow::parquet {

// The scalar rules of `parquet cat --json` (issue 3; tests/parquet/pyarrow_dump.py applies the
// same ones to pyarrow's values). Each Append* writes one JSON value to the end of `out`.

// Strings are written with base/json_string.h's AppendJsonString (Python's json.dumps style).
using ::salesflow::AppendJsonString;

// Standard base64 with padding, in quotes (binary values).
void AppendJsonBase64(std::span<const uint8_t> bytes, std::string* out);

// Shortest round-trip text (std::to_chars) as a JSON number; NaN, Infinity and -Infinity as
// strings, which JSON has no numbers for.
void AppendJsonDouble(double v, std::string* out);
void AppendJsonFloat(float v, std::string* out);

// An IEEE half-precision value (FLOAT16 logical type), printed as its float value.
float HalfToFloat(uint16_t bits);

// A decimal with `scale` fraction digits, in quotes: "1799.98", "-0.05", "12".
void AppendJsonDecimal(int64_t unscaled, int32_t scale, std::string* out);
// The same for a big-endian two's complement unscaled value (FIXED_LEN_BYTE_ARRAY or
// BYTE_ARRAY decimals). Corruption for more than 32 bytes (beyond DECIMAL(76)).
Status AppendJsonDecimalBytes(std::span<const uint8_t> big_endian, int32_t scale, std::string* out);

// Microseconds since the epoch of an INT96 timestamp (8 bytes nanoseconds of the day, then
// 4 bytes Julian day, little-endian), computed as Arrow does (unsigned, wrapping).
int64_t Int96ToMicros(const uint8_t* twelve_bytes);

// "14:30:00.000000" from microseconds since midnight, in quotes.
void AppendJsonTimeMicros(int64_t micros, std::string* out);

}  // namespace salesflow::parquet
