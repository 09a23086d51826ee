#include <gtest/gtest.h>

#include "pipeline/churn_rule.h"
#include "pipeline/loyalty_rule.h"

namespace salesflow::pipeline {
namespace {

constexpr int64_t kDay = kChurnMicrosPerDay;

TEST(SilverRulesTest, LoyaltyTiersAtTheirBoundaries) {
  const LoyaltyRule rule;
  EXPECT_EQ(rule.Tier(0, 0), "bronze");
  EXPECT_EQ(rule.Tier(19999, 2), "bronze");
  EXPECT_EQ(rule.Tier(20000, 1), "bronze");  // spend alone is not enough
  EXPECT_EQ(rule.Tier(20000, 2), "argent");
  EXPECT_EQ(rule.Tier(99999, 50), "argent");
  EXPECT_EQ(rule.Tier(100000, 5), "or");
  EXPECT_EQ(rule.Tier(1000000, 4), "argent");
  EXPECT_EQ(rule.Tier(199999, 10), "or");
  EXPECT_EQ(rule.Tier(200000, 10), "platine");
  EXPECT_EQ(rule.Tier(200000, 9), "or");
}

TEST(SilverRulesTest, LoyaltyThresholdsAreConfigurable) {
  LoyaltyRule rule;
  rule.argent = {100, 1};
  rule.or_ = {200, 1};
  rule.platine = {300, 1};
  EXPECT_EQ(rule.Tier(99, 1), "bronze");
  EXPECT_EQ(rule.Tier(100, 1), "argent");
  EXPECT_EQ(rule.Tier(200, 1), "or");
  EXPECT_EQ(rule.Tier(300, 1), "platine");
}

TEST(SilverRulesTest, DaysSinceLastPurchaseCountsWholeDays) {
  EXPECT_EQ(JoursDepuisDernierAchat(0, 0), 0);
  EXPECT_EQ(JoursDepuisDernierAchat(0, kDay - 1), 0);
  EXPECT_EQ(JoursDepuisDernierAchat(0, kDay), 1);
  EXPECT_EQ(JoursDepuisDernierAchat(5 * kDay, 4 * kDay), 0);  // clock behind: never negative
}

TEST(SilverRulesTest, ChurnUsesThreeTimesTheUsualInterval) {
  const ChurnRule rule;  // x3, min 30 days, default interval 30 days
  // 11 purchases over 200 days: interval 20 days, threshold 60 days.
  const int64_t first = 0, last = 200 * kDay;
  EXPECT_FALSE(rule.AtRisk(first, last, 11, last + 60 * kDay));
  EXPECT_TRUE(rule.AtRisk(first, last, 11, last + 60 * kDay + 1));
}

TEST(SilverRulesTest, ChurnNeverFiresBeforeTheMinimumSilence) {
  const ChurnRule rule;
  // Interval 1 day: 3 days would be the rule, but the minimum is 30 days.
  EXPECT_FALSE(rule.AtRisk(0, 10 * kDay, 11, 10 * kDay + 30 * kDay));
  EXPECT_TRUE(rule.AtRisk(0, 10 * kDay, 11, 10 * kDay + 30 * kDay + 1));
}

TEST(SilverRulesTest, ChurnOfASinglePurchaseUsesTheDefaultInterval) {
  ChurnRule rule;
  EXPECT_FALSE(rule.AtRisk(0, 0, 1, 90 * kDay));
  EXPECT_TRUE(rule.AtRisk(0, 0, 1, 90 * kDay + 1));
  rule.default_interval_days = 5;  // 15 days < minimum 30
  EXPECT_FALSE(rule.AtRisk(0, 0, 1, 30 * kDay));
  EXPECT_TRUE(rule.AtRisk(0, 0, 1, 30 * kDay + 1));
  EXPECT_FALSE(rule.AtRisk(0, 0, 0, 1000 * kDay));  // no purchase, nothing to lose
}

}  // namespace
}  // namespace salesflow::pipeline
