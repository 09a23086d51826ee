#include "base/duration.h"

#include <charconv>
#include <cstdint>
#include <limits>

namespace salesflow {

namespace {

struct Unit {
  std::string_view suffix;
  int64_t micros;
};

// Longest suffix first so "ms" is not read as "m".
constexpr Unit kUnits[] = {{"us", 1},       {"ms", 1000},        {"s", 1000000},
                           {"m", 60000000}, {"h", 3600000000LL}, {"d", 86400000000LL}};

}  // namespace

Result<std::chrono::microseconds> ParseDuration(std::string_view text) {
  if (text == "0") return std::chrono::microseconds(0);
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) {
    return InvalidArgument("duration '" + std::string(text) +
                           "' must start with a whole number, e.g. 200ms, 2s, 5m");
  }
  std::string_view suffix = text.substr(digits);
  for (const Unit& unit : kUnits) {
    if (suffix != unit.suffix) continue;
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, n);
    if (ec != std::errc() || n > std::numeric_limits<int64_t>::max() / unit.micros) {
      return InvalidArgument("duration '" + std::string(text) + "' is too large");
    }
    return std::chrono::microseconds(n * unit.micros);
  }
  return InvalidArgument("duration '" + std::string(text) +
                         "' needs a unit: us, ms, s, m, h or d (e.g. 200ms, 2s, 5m)");
}

std::string FormatDuration(std::chrono::microseconds d) {
  int64_t us = d.count();
  if (us == 0) return "0s";
  for (int i = static_cast<int>(std::size(kUnits)) - 1; i >= 0; --i) {
    if (us % kUnits[i].micros == 0) {
      return std::to_string(us / kUnits[i].micros) + std::string(kUnits[i].suffix);
    }
  }
  return std::to_string(us) + "us";
}

}  // namespace salesflow
