#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.h"

namespace salesflow::delta {

// A value of a primitive Delta column in comparable form: integers, dates (days since the
// epoch) and timestamps (microseconds since the epoch, UTC) as int64; float, double and
// decimal as double; strings and binary as bytes; booleans as bool.
using ScalarValue = std::variant<int64_t, double, std::string, bool>;

// Parses a value written as text the way Delta writes partition values and we accept
// predicate literals: numbers, "2024-12-16", "2024-12-16 14:30:00[.ffffff]",
// "2024-12-16T14:30:00.123Z" / "+01:00" offsets, "true"/"false". `type` is the Delta type
// name. InvalidArgument when the text does not fit the type.
Result<ScalarValue> ParseScalarText(std::string_view type, std::string_view text);

// Microseconds since the epoch (UTC) of an ISO-8601 / Delta partition timestamp text.
Result<int64_t> ParseTimestampMicros(std::string_view text);
// Days since the epoch of "YYYY-MM-DD".
Result<int64_t> ParseDateDays(std::string_view text);
// Exact unscaled value of a decimal text ("1799.98", "-0.5", "12") at `scale`;
// InvalidArgument when it has more fraction digits than `scale` or overflows int64.
Result<int64_t> ParseDecimalUnscaled(std::string_view text, int32_t scale);

// How the two values order (-1, 0, 1); values of different alternatives compare by index
// (never happens for values of one column).
int CompareScalars(const ScalarValue& a, const ScalarValue& b);

}  // namespace salesflow::delta
