#pragma once

#include <cstdint>
#include <string>

namespace salesflow {

// Calendar arithmetic on UTC instants, without time zones (see time_zone.h for those).
// Instants are microseconds since the Unix epoch; dates are days since 1970-01-01.

struct CivilDay {
  int32_t year;
  uint32_t month;  // 1..12
  uint32_t day;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date (valid for years -32767..32767).
int64_t DaysFromCivil(int32_t year, uint32_t month, uint32_t day);
CivilDay CivilFromDays(int64_t days);

// Floor division of an instant into its day number.
int64_t DayOfMicros(int64_t micros_since_epoch);

// "2024-12-16"
std::string FormatDate(int64_t days_since_epoch);
// "2024-12-16T14:30:00.000000Z": microseconds always present, as `parquet cat --json` prints.
std::string FormatTimestampMicrosUtc(int64_t micros_since_epoch);

}  // namespace salesflow
