#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"

namespace salesflow {

// Parses the one duration syntax used in flags, environment and config: an integer
// followed by a unit, e.g. "200ms", "2s", "5m", "1h", "7d", "750us". "0" alone is zero.
Result<std::chrono::microseconds> ParseDuration(std::string_view text);

// Inverse of ParseDuration, choosing the largest unit that is exact ("1500ms", "2s", "5m").
std::string FormatDuration(std::chrono::microseconds d);

}  // namespace salesflow
