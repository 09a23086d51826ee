#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/strong_int.h"

namespace salesflow {

struct CentsTag {};
// An exact amount of money in cents (hundredths of the currency unit). Never a double.
using Cents = StrongInt<CentsTag, int64_t>;

// The largest amount the pipeline stores: 9999999999999999.99, what decimal(18,2) holds.
inline constexpr int64_t kMaxCents = 999'999'999'999'999'999;

// How far a written amount may be from a whole cent and still be read as that cent: 1e-6 of
// the currency unit. Python producers send binary float noise such as 29.970000000000002.
inline constexpr std::string_view kCentTolerance = "0.000001";

// Why a decimal text is not an acceptable amount.
enum class CentsError : uint8_t {
  kOk = 0,
  kSyntax,      // not a JSON number (RFC 8259 grammar)
  kNegative,    // below zero (a -0.0 or noise rounding to 0.00 is zero, not negative)
  kSubCent,     // a real fraction of a cent, e.g. 12.345
  kOutOfRange,  // above kMaxCents, e.g. 1e300 or 99999999999999999999
};

// "syntax", "negative", "sub_cent", "out_of_range".
std::string_view CentsErrorName(CentsError error);

// Reads the decimal text of a JSON number ("1799.98", "1.79998e3", "29.970000000000002")
// into cents with integer arithmetic only. An amount within 1e-6 of a whole cent is rounded to
// it; anything else with a fraction of a cent is kSubCent. Allocation-free for the decoder.
CentsError ParseCents(std::string_view json_number, Cents* out);

// ParseCents with an InvalidArgument status naming the text, for callers outside the decoder.
Result<Cents> ParseCentsText(std::string_view json_number);

// Two decimals always: 1799.98 -> "1799.98", 30 -> "30.00", -5 -> "-0.05".
std::string FormatCents(Cents cents);

// The shortest exact decimal with at least one fractional digit, as Python prints a float that
// holds the amount: "1799.98", "12.5", "30.0". Used by the JSON encoder. Appends to *out.
void AppendCentsShortest(Cents cents, std::string* out);

}  // namespace salesflow
