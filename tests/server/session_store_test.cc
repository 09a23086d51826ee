// Sessions expire, ids are exact; the login limiter blocks after N failures per window.
#include "server/session_store.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

TEST(SessionStoreTest, SessionsAndLoginThrottle) {
  ManualClock clock(1'000'000'000);
  SessionStore sessions(clock, 10'000'000, /*max_sessions=*/2);
  std::string a = sessions.Create("alice");
  ASSERT_EQ(a.size(), 64u);
  auto found = sessions.Find(a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user, "alice");
  EXPECT_EQ(found->csrf_token.size(), 64u);
  EXPECT_NE(found->csrf_token, a);
  EXPECT_FALSE(sessions.Find(a.substr(0, 63)).has_value());
  EXPECT_FALSE(sessions.Find(std::string(64, '0')).has_value());
  // The oldest session is dropped beyond the cap.
  std::string b = sessions.Create("bob");
  std::string c = sessions.Create("carol");
  EXPECT_FALSE(sessions.Find(a).has_value());
  EXPECT_TRUE(sessions.Find(b).has_value());
  sessions.Erase(b);
  EXPECT_FALSE(sessions.Find(b).has_value());
  clock.Advance(10'000'000);
  EXPECT_FALSE(sessions.Find(c).has_value()) << "expired";

  LoginRateLimiter limiter(clock, 3, 60'000'000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.1"), 0);
    limiter.RecordFailure("10.0.0.1");
  }
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.1"), 61);
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.2"), 0) << "per address";
  clock.Advance(30'000'000);
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.1"), 31);
  clock.Advance(30'000'000);
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.1"), 0) << "window passed";
  limiter.RecordFailure("10.0.0.2");
  limiter.RecordSuccess("10.0.0.2");
  limiter.RecordFailure("10.0.0.2");
  limiter.RecordFailure("10.0.0.2");
  EXPECT_EQ(limiter.RetryAfterSeconds("10.0.0.2"), 0) << "success resets the count";
}

}  // namespace
}  // namespace salesflow
