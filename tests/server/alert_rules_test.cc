// The alert rules on a synthetic two hours of gold minutes: a steady 100-102 EUR per minute
// (two sales, the larger one half rounded up), a dip to 10.00 at minute 70, a spike to
// 1000.00 (sales of 100.00 and 900.00) at minute 100 and one single sale of 300.00 beside the
// usual bucket at minute 115.
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
    int64_t largest = cents - cents / 2;
    if (m == 70) largest = cents;
    if (m == 100) largest = 90000;
    b.AddMinute(LocalMinute(kStart.value() + m), "Ecran", "Electronique", "France", "Particulier",
                m == 70 ? 1 : 2, 2, cents, largest);
  }
  b.AddMinute(LocalMinute(kStart.value() + 115), "Laptop", "Electronique", "Suisse", "Entreprise",
              1, 1, 30000, 30000);
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

TEST(AlertRulesTest, SaleAmountAboveReadsTheLargestSale) {
  AlertRules rules;
  rules.sale_amount_above = 25000;  // 250.00
  // Minute 100: its largest sale is 900.00. Minute 115: a one-sale bucket of 300.00 (its
  // minute totals 401.00, which alone would prove nothing).
  EXPECT_EQ(Fired(rules), (Set{{"sale_amount_above", 100}, {"sale_amount_above", 115}}));
  rules.sale_amount_above = 60000;  // 600.00: the spike's average is 500.00, its 900.00 sale
  EXPECT_EQ(Fired(rules), (Set{{"sale_amount_above", 100}}));
  rules.sale_amount_above = 90000;  // 900.00: no sale is above (equal is not above)
  EXPECT_EQ(Fired(rules), Set{});
  DashboardData data = TwoHours();
  rules.sale_amount_above = 25000;
  AlertsResult r = EvaluateAlerts(data, {}, rules);
  ASSERT_EQ(r.alerts.size(), 2u);
  EXPECT_EQ(r.alerts[0].value, 30000);  // newest first; the value is the sale itself
  EXPECT_EQ(r.alerts[1].value, 90000);
  EXPECT_EQ(r.alerts[1].reference, 25000);
  // Filtered to Suisse only the 300.00 sale is left.
  DashboardQuery suisse;
  suisse.pays = {"Suisse"};
  EXPECT_EQ(Fired(rules, suisse), (Set{{"sale_amount_above", 115}}));
}

// The issue's case: one bucket with sales of 10.00, 10.00 and 500.00 and a rule "sale above
// 200.00". The bucket's average (173.33) is below the threshold, so the former average-based
// rule missed it; its largest sale (montant_max) is above, so the alert fires with 500.00.
TEST(AlertRulesTest, ABigSaleAmongSmallOnesOfOneBucketFires) {
  DashboardDataBuilder b("Europe/Paris");
  b.AddMinute(kStart, "Ecran", "Electronique", "France", "Particulier", 3, 3, 52000, 50000);
  b.AddMinute(LocalMinute(kStart.value() + 1), "Ecran", "Electronique", "France", "Particulier", 1,
              1, 15000, 15000);  // one sale of 150.00: below the threshold
  const DashboardData data = b.Finish();
  AlertRules rules;
  rules.sale_amount_above = 20000;
  ASSERT_EQ(data.minutes.size(), 2u);
  EXPECT_LT(data.minutes[0].chiffre_affaires / data.minutes[0].nb_ventes,
            *rules.sale_amount_above);  // 173.33: the average alone would not fire
  AlertsResult r = EvaluateAlerts(data, {}, rules);
  ASSERT_EQ(r.alerts.size(), 1u);
  EXPECT_EQ(r.alerts[0].rule, "sale_amount_above");
  EXPECT_EQ(r.alerts[0].minute.value(), kStart.value());
  EXPECT_EQ(r.alerts[0].value, 50000);
  EXPECT_EQ(r.alerts[0].reference, 20000);
}

// Rows of one bucket read from two files merge: sums add, the largest sale is the max.
TEST(AlertRulesTest, MergedRowsKeepTheLargestSale) {
  DashboardDataBuilder b("Europe/Paris");
  b.AddMinute(kStart, "Ecran", "Electronique", "France", "Particulier", 2, 2, 30000, 20000);
  b.AddMinute(kStart, "Ecran", "Electronique", "France", "Particulier", 1, 1, 5000, 5000);
  const DashboardData data = b.Finish();
  ASSERT_EQ(data.minutes.size(), 1u);
  EXPECT_EQ(data.minutes[0].nb_ventes, 3);
  EXPECT_EQ(data.minutes[0].chiffre_affaires, 35000);
  EXPECT_EQ(data.minutes[0].montant_max, 20000);
}

}  // namespace
}  // namespace salesflow
