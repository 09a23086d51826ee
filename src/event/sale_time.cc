#include "event/sale_time.h"

#include "base/civil_time.h"

namespace salesflow {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `width` digits at text[pos]; false when any is not a digit or text is short.
bool ReadDigits(std::string_view text, size_t pos, size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!IsDigit(text[i])) return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

void AppendPadded(int64_t value, int width, std::string* out) {
  char buf[24];
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = len; i < width; ++i) out->push_back('0');
  while (len > 0) out->push_back(buf[--len]);
}

}  // namespace

SaleTime NaiveSaleTime(int64_t local_micros, const TimeZone& zone) {
  SaleTime t;
  t.form = SaleTimeForm::kNaive;
  t.utc_micros = zone.LocalToUtcMicros(local_micros);
  t.utc_offset_seconds = static_cast<int32_t>((local_micros - t.utc_micros) / kMicrosPerSecond);
  return t;
}

SaleTime NaiveSaleTimeAt(int64_t utc_micros, const TimeZone& zone) {
  SaleTime t;
  t.form = SaleTimeForm::kNaive;
  t.utc_micros = utc_micros;
  t.utc_offset_seconds =
      static_cast<int32_t>((zone.UtcToLocalMicros(utc_micros) - utc_micros) / kMicrosPerSecond);
  return t;
}

bool ParseSaleTime(std::string_view text, const TimeZone& zone, SaleTime* out, const char** why) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, 0, 4, &year) || text.size() < 5 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text.size() < 8 || text[7] != '-' ||
      !ReadDigits(text, 8, 2, &day)) {
    *why = "expected a date YYYY-MM-DD";
    return false;
  }
  if (text.size() < 11 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    *why = "expected 'T' and a time HH:MM:SS after the date";
    return false;
  }
  if (!ReadDigits(text, 11, 2, &hour) || text.size() < 14 || text[13] != ':' ||
      !ReadDigits(text, 14, 2, &minute) || text.size() < 17 || text[16] != ':' ||
      !ReadDigits(text, 17, 2, &second)) {
    *why = "expected a time HH:MM:SS";
    return false;
  }
  if (year < 1) {
    *why = "year out of range";
    return false;
  }
  if (month < 1 || month > 12) {
    *why = "month out of range";
    return false;
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    *why = "day out of range for the month";
    return false;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    *why = "time of day out of range (leap seconds are not accepted)";
    return false;
  }
  size_t pos = 19;
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && IsDigit(text[pos])) {
      // Keep microseconds; digits past the sixth (nanoseconds) are truncated.
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) {
      *why = "fraction of a second must have 1 to 9 digits";
      return false;
    }
    for (size_t d = digits; d < 6; ++d) micros *= 10;
  }
  const int64_t local =
      DaysFromCivil(year, static_cast<uint32_t>(month), static_cast<uint32_t>(day)) *
          kMicrosPerDay +
      (int64_t{hour} * 3600 + minute * 60 + second) * kMicrosPerSecond + micros;
  if (pos == text.size()) {
    *out = NaiveSaleTime(local, zone);
    return true;
  }
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
    out->form = SaleTimeForm::kZulu;
    out->utc_micros = local;
    out->utc_offset_seconds = 0;
    return true;
  }
  if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    int off_h = 0, off_m = 0;
    bool ok = ReadDigits(text, pos + 1, 2, &off_h);
    if (ok && pos + 3 < text.size() && text[pos + 3] == ':') {
      ok = ReadDigits(text, pos + 4, 2, &off_m) && pos + 6 == text.size();
    } else {
      ok = ok && ReadDigits(text, pos + 3, 2, &off_m) && pos + 5 == text.size();
    }
    if (!ok) {
      *why = "expected an offset Z, +HH:MM or -HH:MM at the end";
      return false;
    }
    if (off_h > 23 || off_m > 59) {
      *why = "offset out of range";
      return false;
    }
    out->form = SaleTimeForm::kOffset;
    out->utc_offset_seconds = sign * (off_h * 3600 + off_m * 60);
    out->utc_micros = local - int64_t{out->utc_offset_seconds} * kMicrosPerSecond;
    return true;
  }
  *why = "unexpected text after the time (expected .fraction, Z or an offset)";
  return false;
}

void AppendSaleTime(const SaleTime& time, std::string* out) {
  const int64_t local = time.local_micros();
  const int64_t days = DayOfMicros(local);
  const int64_t in_day = local - days * kMicrosPerDay;
  const CivilDay civil = CivilFromDays(days);
  const int64_t secs = in_day / kMicrosPerSecond;
  AppendPadded(civil.year, 4, out);
  out->push_back('-');
  AppendPadded(civil.month, 2, out);
  out->push_back('-');
  AppendPadded(civil.day, 2, out);
  out->push_back('T');
  AppendPadded(secs / 3600, 2, out);
  out->push_back(':');
  AppendPadded(secs / 60 % 60, 2, out);
  out->push_back(':');
  AppendPadded(secs % 60, 2, out);
  if (const int64_t micros = in_day % kMicrosPerSecond; micros != 0) {
    out->push_back('.');
    AppendPadded(micros, 6, out);
  }
  switch (time.form) {
    case SaleTimeForm::kNaive:
      break;
    case SaleTimeForm::kZulu:
      out->push_back('Z');
      break;
    case SaleTimeForm::kOffset: {
      int32_t off = time.utc_offset_seconds;
      out->push_back(off < 0 ? '-' : '+');
      if (off < 0) off = -off;
      AppendPadded(off / 3600, 2, out);
      out->push_back(':');
      AppendPadded(off / 60 % 60, 2, out);
      break;
    }
  }
}

std::string FormatSaleTime(const SaleTime& time) {
  std::string out;
  AppendSaleTime(time, &out);
  return out;
}

}  // namespace salesflow
