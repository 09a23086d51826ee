// The alert rules on a synthetic two hours of gold minutes: a steady 100-102 EUR per minute,
// a dip to 10.00 at minute 70, a spike to 1000.00 (two sales) at minute 100 and one single
// sale of 300.00 beside the usual bucket at minute 115.
#include "server/alert_rules.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "server/dashboard_data_builder.h"
#include "server/fixture_dataset.h"

namespace salesflow {
namespace {

const LocalMinute kStart = MakeLocalMinute(2024, 12, 16, 10, 0);

DashboardData TwoHours() {
  DashboardDataBuilder b("Europe/Paris");
  for (int64_t m = 0; m < 120; ++m) {
    int64_t cents = 10000 + (m % 3) * 100;
    if (m == 70) cents = 1000;
    if (m == 100) cents = 100000;
    b.AddMinute(LocalMinute(kStart.value() + m), "Ecran", "Electronique", "France", "Particulier",
                m == 70 ? 1 : 2, 2, cents);
  }
  b.AddMinute(LocalMinute(kStart.value() + 115), "Laptop", "Electronique", "Suisse", "Entreprise",
              1, 1, 30000);
  return b.Finish();
}

std::set<std::pair<std::string, int64_t>> Fired(const AlertRules& rules,
                                                DashboardQuery query = {}) {
  DashboardData data = TwoHours();
  std::set<std::pair<std::string, int64_t>> out;
  for (const Alert& a : EvaluateAlerts(data, query, rules).alerts) {
    out.insert({a.rule, a.minute.value() - kStart.value()});
  }
  return out;
}

using Set = std::set<std::pair<std::string, int64_t>>;

TEST(AlertRulesTest, MinuteRevenueAboveAndBelow) {
  AlertRules rules;
  rules.minute_revenue_above = 50000;  // 500.00: only the spike (the 115 minute is 401.00)
  EXPECT_EQ(Fired(rules), (Set{{"minute_revenue_above", 100}}));
  rules = {};
  rules.minute_revenue_below = 5000;  // 50.00 within the last 60 minutes: the dip
  EXPECT_EQ(Fired(rules), (Set{{"minute_revenue_below", 70}}));
  rules.minute_revenue_below = 10100;  // 101.00: every 100.00 minute of the last hour, + dip
  Set below = Fired(rules);
  EXPECT_EQ(below.size(), 21u);  // minutes 60..119 with m % 3 == 0 (20) and the dip at 70
  EXPECT_TRUE(below.count({"minute_revenue_below", 70}));
  EXPECT_FALSE(below.count({"minute_revenue_below", 57}));  // older than the last hour
}

TEST(AlertRulesTest, AnomalyAgainstTheTrailingHour) {
  AlertRules rules;
  rules.anomaly_sigma = 3.0;
  // The dip and the spike; not the first hour (no trailing hour of data yet), not minute 115
  // (the spike in its trailing hour widens the deviation).
  EXPECT_EQ(Fired(rules), (Set{{"anomaly", 70}, {"anomaly", 100}}));
  // Filtered to Suisse there is one minute of data: nothing to compare with.
  DashboardQuery suisse;
  suisse.pays = {"Suisse"};
  EXPECT_EQ(Fired(rules, suisse), Set{});
}

TEST(AlertRulesTest, SaleAmountAboveReadsTheLowerBoundGoldGives) {
  AlertRules rules;
  rules.sale_amount_above = 25000;  // 250.00
  // Minute 100: two sales totalling 1000.00, so one is >= 500.00. Minute 115: a one-sale
  // bucket of 300.00 (its minute totals 401.00, which alone would prove nothing).
  EXPECT_EQ(Fired(rules), (Set{{"sale_amount_above", 100}, {"sale_amount_above", 115}}));
  rules.sale_amount_above = 50000;  // 500.00: the spike's average is exactly 500.00, not above
  EXPECT_EQ(Fired(rules), Set{});
  DashboardData data = TwoHours();
  rules.sale_amount_above = 25000;
  AlertsResult r = EvaluateAlerts(data, {}, rules);
  ASSERT_EQ(r.alerts.size(), 2u);
  EXPECT_EQ(r.alerts[0].value, 30000);  // newest first; the bound is the sale itself
  EXPECT_EQ(r.alerts[1].value, 50000);
  EXPECT_EQ(r.alerts[1].reference, 25000);
}

}  // namespace
}  // namespace salesflow
