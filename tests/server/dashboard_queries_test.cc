// The dashboard's figures on the reference fixture (src/server/fixture_dataset.cc), whose ten
// sales were written by hand so every total below can be checked with a pencil:
//   2024-12-15 09:15 CLI001 France/Particulier   Ecran   Electronique 1 x  249.50
//   2024-12-16 10:00 CLI001 France/Particulier   Laptop  Electronique 2 sales of 999.99
//   2024-12-16 10:00 CLI002 France/Entreprise    Souris  Accessoires  qty 3    75.00
//   2024-12-16 10:01 CLI003 Belgique/Entreprise  Laptop  Electronique 1 x  999.99
//   2024-12-16 11:30 CLI004 Suisse/Particulier   Clavier Accessoires  49.99, 49.99, 99.98 (qty 2)
//   2024-12-17 18:45 CLI005 Belgique/Particulier Souris  Accessoires  2 sales of 25.00
#include <gtest/gtest.h>

#include "server/dashboard_queries.h"
#include "server/fixture_dataset.h"

namespace salesflow {
namespace {

class DashboardQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto zone = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(zone.ok()) << zone.status().ToString();
    data_ = AggregateFixtureSales(ReferenceFixtureSales(), *zone, 7);
  }
  DashboardQuery Parse(const QueryParams& params,
                       const std::vector<QueryParamSpec>& specs = ClientsParamSpecs()) {
    auto q = ParseDashboardQuery(params, specs);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? *q : DashboardQuery{};
  }
  DashboardData data_;
};

TEST_F(DashboardQueriesTest, KpisOverEverything) {
  KpiResult k = ComputeKpis(data_, Parse({}));
  EXPECT_EQ(k.current.nb_ventes, 10);
  EXPECT_EQ(k.current.quantite, 13);
  EXPECT_EQ(k.current.chiffre_affaires, 357443);
  EXPECT_EQ(PanierMoyen(k.current), 35744);  // 357.443 rounds to 357.44
  EXPECT_FALSE(k.previous.has_value());
  ASSERT_TRUE(k.top_client.has_value());
  EXPECT_EQ(k.top_client->client_id, "CLI001");
  EXPECT_EQ(k.top_client->client_nom, "Alice Martin");
  EXPECT_EQ(k.top_client->chiffre_affaires, 224948);
  EXPECT_EQ(k.top_client->nb_ventes, 3);
  EXPECT_EQ(FormatLocalMinute(k.period.from), "2024-12-15T09:15");
  EXPECT_EQ(FormatLocalMinute(k.period.to), "2024-12-17T18:46");
}

TEST_F(DashboardQueriesTest, KpisLast24HoursAgainstThePrevious24) {
  KpiResult k = ComputeKpis(data_, Parse({{"period", "24h"}}));
  EXPECT_EQ(FormatLocalMinute(k.period.from), "2024-12-16T18:46");
  EXPECT_EQ(k.current.nb_ventes, 2);
  EXPECT_EQ(k.current.chiffre_affaires, 5000);
  ASSERT_TRUE(k.previous.has_value());
  EXPECT_EQ(FormatLocalMinute(k.period.previous_from), "2024-12-15T18:46");
  EXPECT_EQ(k.previous->nb_ventes, 7);
  EXPECT_EQ(k.previous->chiffre_affaires, 327493);
  EXPECT_EQ(PanierMoyen(*k.previous), 46785);  // 3274.93 / 7 = 467.847
  // Client ranking uses whole days: 24h from 16th 18:46 touches the 16th and the 17th.
  ASSERT_TRUE(k.top_client.has_value());
  EXPECT_EQ(k.top_client->client_id, "CLI001");
  EXPECT_EQ(k.top_client->chiffre_affaires, 199998);
}

TEST_F(DashboardQueriesTest, FiltersApplyToKpis) {
  KpiResult fr = ComputeKpis(data_, Parse({{"pays", "France"}}));
  EXPECT_EQ(fr.current.nb_ventes, 4);
  EXPECT_EQ(fr.current.chiffre_affaires, 232448);
  KpiResult two = ComputeKpis(data_, Parse({{"pays", "Belgique,Suisse"}}));
  EXPECT_EQ(two.current.chiffre_affaires, 104999 + 19996);
  ASSERT_TRUE(two.top_client.has_value());
  EXPECT_EQ(two.top_client->client_id, "CLI003");
  KpiResult acc =
      ComputeKpis(data_, Parse({{"categorie", "Accessoires"}, {"segment", "Particulier"}}));
  EXPECT_EQ(acc.current.nb_ventes, 5);
  EXPECT_EQ(acc.current.quantite, 6);
  EXPECT_EQ(acc.current.chiffre_affaires, 24996);
  KpiResult none = ComputeKpis(data_, Parse({{"pays", "Japon"}}));
  EXPECT_EQ(none.current.nb_ventes, 0);
  EXPECT_EQ(PanierMoyen(none.current), 0);
  EXPECT_FALSE(none.top_client.has_value());
}

TEST_F(DashboardQueriesTest, ExplicitRangeHasAPreviousPeriodOfTheSameLength) {
  KpiResult k = ComputeKpis(data_, Parse({{"from", "2024-12-16"}, {"to", "2024-12-17"}}));
  EXPECT_EQ(k.current.chiffre_affaires, 327493);
  ASSERT_TRUE(k.previous.has_value());
  EXPECT_EQ(k.previous->chiffre_affaires, 24950);
  EXPECT_EQ(FormatLocalMinute(k.period.previous_from), "2024-12-15T00:00");
}

TEST_F(DashboardQueriesTest, TimeseriesByDayHourAndMinute) {
  TimeseriesResult days =
      ComputeTimeseries(data_, Parse({{"granularity", "day"}}, TimeseriesParamSpecs()));
  ASSERT_EQ(days.points.size(), 3u);
  EXPECT_EQ(days.bucket_minutes, 1440);
  EXPECT_EQ(FormatLocalMinute(days.points[0].start), "2024-12-15T00:00");
  EXPECT_EQ(days.points[0].totals.chiffre_affaires, 24950);
  EXPECT_EQ(days.points[1].totals.chiffre_affaires, 327493);
  EXPECT_EQ(days.points[2].totals.chiffre_affaires, 5000);

  TimeseriesResult hours = ComputeTimeseries(data_, Parse({}, TimeseriesParamSpecs()));
  // 2024-12-15 09:00 .. 2024-12-17 18:00 inclusive, zero-filled.
  ASSERT_EQ(hours.points.size(), 58u);
  EXPECT_EQ(hours.points[25].totals.chiffre_affaires, 307497);  // 16th 10:00 and 10:01
  EXPECT_EQ(hours.points[26].totals.chiffre_affaires, 19996);   // 16th 11:00
  EXPECT_EQ(hours.points[1].totals.nb_ventes, 0);
  int64_t sum = 0;
  for (const TimePoint& p : hours.points) sum += p.totals.chiffre_affaires;
  EXPECT_EQ(sum, 357443);

  TimeseriesResult minutes = ComputeTimeseries(
      data_,
      Parse({{"granularity", "minute"}, {"from", "2024-12-16T10:00"}, {"to", "2024-12-16T10:02"}},
            TimeseriesParamSpecs()));
  ASSERT_EQ(minutes.points.size(), 2u);
  EXPECT_EQ(minutes.points[0].totals.chiffre_affaires, 207498);
  EXPECT_EQ(minutes.points[1].totals.chiffre_affaires, 99999);
}

TEST_F(DashboardQueriesTest, LongMinuteSeriesAreDownsampledToAtMost2000Points) {
  // 15th 09:15 .. 17th 18:46 is 3,451 minutes: widened to 1,726 two-minute buckets.
  TimeseriesResult r =
      ComputeTimeseries(data_, Parse({{"granularity", "minute"}}, TimeseriesParamSpecs()));
  EXPECT_TRUE(r.downsampled);
  EXPECT_EQ(r.bucket_minutes, 2);
  EXPECT_EQ(r.points.size(), 1726u);
  EXPECT_LE(static_cast<int64_t>(r.points.size()), kMaxPoints);
  int64_t sum = 0, n = 0;
  for (const TimePoint& p : r.points) {
    sum += p.totals.chiffre_affaires;
    n += p.totals.nb_ventes;
  }
  EXPECT_EQ(sum, 357443);
  EXPECT_EQ(n, 10);
}

TEST_F(DashboardQueriesTest, Breakdowns) {
  BreakdownResult products = ComputeBreakdown(data_, Parse({}), Dimension::kProduit);
  ASSERT_EQ(products.rows.size(), 4u);
  EXPECT_EQ(products.rows[0].name, "Laptop");
  EXPECT_EQ(products.rows[0].categorie, "Electronique");
  EXPECT_EQ(products.rows[0].totals.chiffre_affaires, 299997);
  EXPECT_EQ(products.rows[1].name, "Ecran");
  EXPECT_EQ(products.rows[2].name, "Clavier");
  EXPECT_EQ(products.rows[2].totals.quantite, 4);
  EXPECT_EQ(products.rows[3].name, "Souris");
  EXPECT_EQ(products.rows[3].totals.chiffre_affaires, 12500);
  EXPECT_EQ(products.total.chiffre_affaires, 357443);

  BreakdownResult cats = ComputeBreakdown(data_, Parse({}), Dimension::kCategorie);
  ASSERT_EQ(cats.rows.size(), 2u);
  EXPECT_EQ(cats.rows[0].name, "Electronique");
  EXPECT_EQ(cats.rows[0].totals.chiffre_affaires, 324947);
  EXPECT_EQ(cats.rows[1].totals.chiffre_affaires, 32496);

  BreakdownResult countries = ComputeBreakdown(data_, Parse({}), Dimension::kPays);
  ASSERT_EQ(countries.rows.size(), 3u);
  EXPECT_EQ(countries.rows[0].name, "France");
  EXPECT_EQ(countries.rows[0].totals.chiffre_affaires, 232448);
  EXPECT_EQ(countries.rows[1].name, "Belgique");
  EXPECT_EQ(countries.rows[1].totals.chiffre_affaires, 104999);
  EXPECT_EQ(countries.rows[2].name, "Suisse");

  BreakdownResult segments =
      ComputeBreakdown(data_, Parse({{"pays", "France"}}), Dimension::kSegment);
  ASSERT_EQ(segments.rows.size(), 2u);
  EXPECT_EQ(segments.rows[0].name, "Particulier");
  EXPECT_EQ(segments.rows[0].totals.chiffre_affaires, 224948);
  EXPECT_EQ(segments.rows[1].totals.chiffre_affaires, 7500);
}

TEST_F(DashboardQueriesTest, ClientsRankedAndSorted) {
  ClientsResult r = ComputeClients(data_, Parse({}));
  EXPECT_EQ(r.matching_clients, 5);
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[0].profile->client_id, "CLI001");
  EXPECT_EQ(r.rows[0].profile->fidelite, "platine");
  EXPECT_EQ(r.rows[0].profile->panier_moyen, 74983);  // 2249.48 / 3 = 749.8266
  EXPECT_EQ(r.rows[1].profile->client_id, "CLI003");
  EXPECT_EQ(r.rows[4].profile->client_id, "CLI005");
  EXPECT_EQ(r.rows[4].chiffre_affaires, 5000);

  ClientsResult by_name =
      ComputeClients(data_, Parse({{"sort", "client_nom"}, {"order", "asc"}, {"limit", "2"}}));
  ASSERT_EQ(by_name.rows.size(), 2u);
  EXPECT_EQ(by_name.rows[0].profile->client_nom, "Alice Martin");
  EXPECT_EQ(by_name.rows[1].profile->client_nom, "Brasserie Janssens");

  ClientsResult by_count = ComputeClients(data_, Parse({{"sort", "nb_ventes"}}));
  // CLI001 and CLI004 both have 3 sales: ties go by client_id.
  EXPECT_EQ(by_count.rows[0].profile->client_id, "CLI001");
  EXPECT_EQ(by_count.rows[1].profile->client_id, "CLI004");

  ClientsResult day17 =
      ComputeClients(data_, Parse({{"from", "2024-12-17"}, {"segment", "Particulier"}}));
  ASSERT_EQ(day17.rows.size(), 1u);
  EXPECT_EQ(day17.rows[0].profile->client_id, "CLI005");
}

TEST_F(DashboardQueriesTest, LiveSalesChangeTheTotals) {
  std::vector<FixtureSale> sales = ReferenceFixtureSales();
  sales.push_back(ReferenceLiveSale(1));
  DashboardData more = AggregateFixtureSales(sales, TimeZone(), 8);
  KpiResult k = ComputeKpis(more, Parse({}));
  EXPECT_EQ(k.current.chiffre_affaires, 367443);
  EXPECT_EQ(FormatLocalMinute(k.period.to), "2024-12-17T18:47");
}

}  // namespace
}  // namespace salesflow
