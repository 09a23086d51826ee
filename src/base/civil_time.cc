#include "base/civil_time.h"

#include <cstdio>

namespace salesflow {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain formulas).
int64_t DaysFromCivil(int32_t y, uint32_t m, uint32_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDay CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDay{static_cast<int32_t>(y + (m <= 2)), m, d};
}

int64_t DayOfMicros(int64_t micros) {
  constexpr int64_t kMicrosPerDay = 86400LL * 1000000LL;
  int64_t day = micros / kMicrosPerDay;
  if (micros % kMicrosPerDay < 0) --day;
  return day;
}

std::string FormatDate(int64_t days) {
  CivilDay c = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

std::string FormatTimestampMicrosUtc(int64_t micros) {
  int64_t day = DayOfMicros(micros);
  int64_t in_day = micros - day * 86400LL * 1000000LL;
  CivilDay c = CivilFromDays(day);
  int64_t secs = in_day / 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ", c.year, c.month,
                c.day, static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60), static_cast<long long>(in_day % 1000000));
  return buf;
}

}  // namespace salesflow
