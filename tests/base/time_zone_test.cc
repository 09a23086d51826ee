#include "base/time_zone.h"

#include <gtest/gtest.h>

#include "base/civil_time.h"

namespace salesflow {
namespace {

constexpr int64_t kHour = 3600LL * 1000000;

int64_t Micros(int32_t y, uint32_t mo, uint32_t d, int h, int mi) {
  return (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60) * 1000000LL;
}

TEST(TimeZoneTest, UtcIsIdentity) {
  TimeZone utc;
  EXPECT_TRUE(utc.is_utc());
  EXPECT_EQ(utc.LocalToUtcMicros(123), 123);
}

TEST(TimeZoneTest, ParisWinterAndSummer) {
  Result<TimeZone> paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  int64_t winter = Micros(2024, 12, 16, 14, 30);
  EXPECT_EQ(paris->LocalToUtcMicros(winter), winter - kHour);
  int64_t summer = Micros(2024, 7, 1, 12, 0);
  EXPECT_EQ(paris->LocalToUtcMicros(summer), summer - 2 * kHour);
  EXPECT_EQ(paris->UtcToLocalMicros(summer - 2 * kHour), summer);
}

TEST(TimeZoneTest, UnknownZoneSaysWhatToUse) {
  Result<TimeZone> r = TimeZone::Find("Mars/Olympus");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("IANA"), std::string::npos);
}

}  // namespace
}  // namespace salesflow
