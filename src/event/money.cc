#include "event/money.h"

#include <algorithm>
#include <array>

namespace salesflow {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// The remainder below the cent is examined to this many digits (1e-8 cent), plus a flag for
// any non-zero digit further down: enough to compare exactly against the 1e-4 cent tolerance.
constexpr int kRemainderDigits = 8;
constexpr int64_t kRemainderScale = 100'000'000;  // 10^kRemainderDigits
constexpr int64_t kToleranceScaled = 10'000;      // 1e-4 cent == 1e-6 unit, in 1e-8 cents
constexpr int kMaxCentDigits = 18;                // kMaxCents has 18 digits

// The significant digits of a number spread over its integer and fraction parts, indexed as
// one sequence without copying.
struct Digits {
  std::string_view int_part;
  std::string_view frac_part;
  size_t skip = 0;  // leading zeros not counted

  size_t size() const { return int_part.size() + frac_part.size() - skip; }
  char at(size_t i) const {
    i += skip;
    return i < int_part.size() ? int_part[i] : frac_part[i - int_part.size()];
  }
};

}  // namespace

std::string_view CentsErrorName(CentsError error) {
  switch (error) {
    case CentsError::kOk:
      return "ok";
    case CentsError::kSyntax:
      return "syntax";
    case CentsError::kNegative:
      return "negative";
    case CentsError::kSubCent:
      return "sub_cent";
    case CentsError::kOutOfRange:
      return "out_of_range";
  }
  return "unknown";
}

CentsError ParseCents(std::string_view text, Cents* out) {
  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (i < n && text[i] == '-') {
    negative = true;
    ++i;
  }
  // Integer part: "0" or a non-zero digit followed by digits.
  size_t start = i;
  while (i < n && IsDigit(text[i])) ++i;
  if (i == start) return CentsError::kSyntax;
  if (text[start] == '0' && i - start > 1) return CentsError::kSyntax;
  Digits digits;
  digits.int_part = text.substr(start, i - start);
  if (i < n && text[i] == '.') {
    ++i;
    start = i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == start) return CentsError::kSyntax;
    digits.frac_part = text.substr(start, i - start);
  }
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    start = i;
    while (i < n && IsDigit(text[i])) {
      // Saturate: any exponent past a million already means "huge" or "zero" for money.
      if (exponent < 1'000'000) exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return CentsError::kSyntax;
    if (exp_negative) exponent = -exponent;
  }
  if (i != n) return CentsError::kSyntax;

  while (digits.skip < digits.int_part.size() + digits.frac_part.size() && digits.at(0) == '0') {
    ++digits.skip;
  }
  const int64_t count = static_cast<int64_t>(digits.size());
  if (count == 0) {  // 0, -0.0, 0e7: zero whatever the sign
    *out = Cents(0);
    return CentsError::kOk;
  }
  // value = digits * 10^scale cents.
  const int64_t scale = exponent - static_cast<int64_t>(digits.frac_part.size()) + 2;
  // Digits [0, whole) make the whole cents; the rest is the remainder below a cent.
  const int64_t whole = count + scale;  // may be <= 0 (no whole cents) or > count (zeros added)
  if (whole > kMaxCentDigits) return negative ? CentsError::kNegative : CentsError::kOutOfRange;
  int64_t cents = 0;
  for (int64_t d = 0; d < whole; ++d) {
    cents = cents * 10 + (d < count ? digits.at(static_cast<size_t>(d)) - '0' : 0);
  }
  // Remainder digits start at index `whole` (negative index = leading zeros of the remainder).
  int64_t remainder = 0;
  bool sticky = false;
  for (int64_t r = 0; r < kRemainderDigits; ++r) {
    const int64_t d = whole + r;
    remainder =
        remainder * 10 + (d >= 0 && d < count ? digits.at(static_cast<size_t>(d)) - '0' : 0);
  }
  for (int64_t d = std::max<int64_t>(whole + kRemainderDigits, 0); d < count && !sticky; ++d) {
    sticky = digits.at(static_cast<size_t>(d)) != '0';
  }
  const bool exact = remainder == 0 && !sticky;
  bool sub_cent = false;
  if (!exact) {
    if (remainder < kToleranceScaled || (remainder == kToleranceScaled && !sticky)) {
      // float noise above a whole cent: round down
    } else if (remainder >= kRemainderScale - kToleranceScaled) {
      ++cents;  // float noise just below a whole cent: round up
    } else {
      sub_cent = true;
    }
  }
  if (negative && (cents != 0 || sub_cent)) return CentsError::kNegative;
  if (sub_cent) return CentsError::kSubCent;
  if (cents > kMaxCents) return CentsError::kOutOfRange;
  *out = Cents(cents);
  return CentsError::kOk;
}

Result<Cents> ParseCentsText(std::string_view text) {
  Cents cents;
  switch (ParseCents(text, &cents)) {
    case CentsError::kOk:
      return cents;
    case CentsError::kSyntax:
      return InvalidArgument("amount '" + std::string(text) + "' is not a decimal number");
    case CentsError::kNegative:
      return InvalidArgument("amount '" + std::string(text) + "' is negative");
    case CentsError::kSubCent:
      return InvalidArgument("amount '" + std::string(text) +
                             "' has a fraction of a cent (more than 1e-6 from a whole cent)");
    case CentsError::kOutOfRange:
      return InvalidArgument("amount '" + std::string(text) +
                             "' is above the largest storable amount 9999999999999999.99");
  }
  return Internal("unknown CentsError");
}

namespace {

// Writes |value| / 100 and returns the two fraction digits, for both formatters.
void AppendWhole(Cents cents, std::string* out, int* fraction) {
  int64_t v = cents.value();
  // Work in unsigned so INT64_MIN does not overflow on negation.
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  if (v < 0) out->push_back('-');
  *fraction = static_cast<int>(magnitude % 100);
  uint64_t units = magnitude / 100;
  std::array<char, 24> buf;
  size_t len = 0;
  do {
    buf[len++] = static_cast<char>('0' + units % 10);
    units /= 10;
  } while (units != 0);
  while (len > 0) out->push_back(buf[--len]);
}

}  // namespace

std::string FormatCents(Cents cents) {
  std::string out;
  int fraction = 0;
  AppendWhole(cents, &out, &fraction);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + fraction / 10));
  out.push_back(static_cast<char>('0' + fraction % 10));
  return out;
}

void AppendCentsShortest(Cents cents, std::string* out) {
  int fraction = 0;
  AppendWhole(cents, out, &fraction);
  out->push_back('.');
  out->push_back(static_cast<char>('0' + fraction / 10));
  if (fraction % 10 != 0) out->push_back(static_cast<char>('0' + fraction % 10));
}

}  // namespace salesflow
