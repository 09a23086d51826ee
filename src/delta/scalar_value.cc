#include "delta/scalar_value.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "base/civil_time.h"

namespace salesflow::delta {
namespace {

bool ParseDigits(std::string_view text, size_t pos, size_t count, int64_t* out) {
  if (pos + count > text.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status BadText(std::string_view what, std::string_view text) {
  return InvalidArgument(fmt::format("not a {}: '{}'", what, text));
}

}  // namespace

Result<int64_t> ParseDateDays(std::string_view text) {
  int64_t y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, &y) ||
      !ParseDigits(text, 5, 2, &m) || !ParseDigits(text, 8, 2, &d) || m < 1 || m > 12 || d < 1 ||
      d > 31) {
    return BadText("date", text);
  }
  return DaysFromCivil(static_cast<int32_t>(y), static_cast<uint32_t>(m), static_cast<uint32_t>(d));
}

Result<int64_t> ParseTimestampMicros(std::string_view text) {
  if (text.size() < 10) return BadText("timestamp", text);
  Result<int64_t> days = ParseDateDays(text.substr(0, 10));
  if (!days.ok()) return BadText("timestamp", text);
  int64_t micros = *days * 86400000000LL;
  size_t pos = 10;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
    int64_t h = 0, mi = 0, s = 0;
    if (!ParseDigits(text, pos + 1, 2, &h) || text.size() < pos + 9 || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, &mi) || text[pos + 6] != ':' ||
        !ParseDigits(text, pos + 7, 2, &s)) {
      return BadText("timestamp", text);
    }
    micros += ((h * 60 + mi) * 60 + s) * 1000000;
    pos += 9;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int64_t fraction = 0;
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 6) {
          fraction = fraction * 10 + (text[pos] - '0');
          ++digits;
        }
        ++pos;
      }
      for (; digits < 6; ++digits) fraction *= 10;
      micros += fraction;
    }
  }
  if (pos < text.size()) {
    std::string_view zone = text.substr(pos);
    if (zone == "Z" || zone == "z") {
      pos = text.size();
    } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
      int64_t oh = 0, om = 0;
      if (!ParseDigits(zone, 1, 2, &oh) || !ParseDigits(zone, 4, 2, &om)) {
        return BadText("timestamp", text);
      }
      int64_t offset = (oh * 60 + om) * 60000000LL;
      micros -= zone[0] == '+' ? offset : -offset;
      pos = text.size();
    } else {
      return BadText("timestamp", text);
    }
  }
  return micros;
}

Result<int64_t> ParseDecimalUnscaled(std::string_view text, int32_t scale) {
  bool negative = false;
  size_t pos = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    pos = 1;
  }
  int64_t value = 0;
  int fraction_digits = -1;
  bool any = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return BadText("decimal", text);
    any = true;
    if (fraction_digits >= 0) {
      if (fraction_digits == scale) {
        if (c != '0') return BadText("decimal of this scale", text);
        continue;
      }
      ++fraction_digits;
    }
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, c - '0', &value)) {
      return BadText("decimal in range", text);
    }
  }
  if (!any) return BadText("decimal", text);
  for (int i = std::max(fraction_digits, 0); i < scale; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) return BadText("decimal in range", text);
  }
  return negative ? -value : value;
}

Result<ScalarValue> ParseScalarText(std::string_view type, std::string_view text) {
  if (type == "string" || type == "binary") return ScalarValue(std::string(text));
  if (type == "boolean") {
    if (text == "true") return ScalarValue(true);
    if (text == "false") return ScalarValue(false);
    return BadText("boolean", text);
  }
  if (type == "date") {
    SF_ASSIGN_OR_RETURN(int64_t days, ParseDateDays(text));
    return ScalarValue(days);
  }
  if (type == "timestamp" || type == "timestamp_ntz") {
    SF_ASSIGN_OR_RETURN(int64_t micros, ParseTimestampMicros(text));
    return ScalarValue(micros);
  }
  if (type == "long" || type == "integer" || type == "short" || type == "byte") {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return BadText(type, text);
    return ScalarValue(v);
  }
  if (type == "double" || type == "float" || type.starts_with("decimal")) {
    std::string copy(text);
    char* end = nullptr;
    double v = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size()) return BadText(type, text);
    return ScalarValue(v);
  }
  return Unsupported(fmt::format("no comparable values for type {}", type));
}

int CompareScalars(const ScalarValue& a, const ScalarValue& b) {
  if (a.index() != b.index()) return a.index() < b.index() ? -1 : 1;
  return std::visit(
      [&b](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        const T& y = std::get<T>(b);
        if (x < y) return -1;
        if (y < x) return 1;
        return 0;
      },
      a);
}

}  // namespace salesflow::delta
