#include "base/civil_time.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

TEST(CivilTimeTest, KnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2024, 12, 16), 20073);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(FormatDate(20073), "2024-12-16");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
}

TEST(CivilTimeTest, RoundTripOverFourCenturies) {
  for (int64_t d = -146097; d <= 146097; d += 17) {
    CivilDay c = CivilFromDays(d);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(CivilTimeTest, TimestampFormatting) {
  EXPECT_EQ(FormatTimestampMicrosUtc(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatTimestampMicrosUtc(1734359400123456), "2024-12-16T14:30:00.123456Z");
  EXPECT_EQ(FormatTimestampMicrosUtc(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(DayOfMicros(-1), -1);
}

}  // namespace
}  // namespace salesflow
