#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/time_zone.h"
#include "server/dashboard_data.h"

// Datasets for tests and `salesflow dashboard --fixture`: a list of individual sales folded
// into the dashboard model. The fold here is a small stand-in for the silver stage (its
// loyalty and churn rules are the fixture's own); real figures always come from silver/gold.

namespace salesflow {

// One sale of a fixture.
struct FixtureSale {
  LocalMinute minute;      // when, on the dataset zone's wall clock
  std::string client_id;   // CLI001
  std::string client_nom;  // Alice Martin
  std::string pays;        // France
  std::string segment;     // Particulier
  std::string produit;     // Laptop
  std::string categorie;   // Electronique
  int64_t quantite = 0;    // units
  int64_t montant = 0;     // amount of the sale, cents
};

// Which fixture `dashboard --fixture` serves.
enum class FixtureKind {
  kReference,  // ten hand-written sales with known totals (docs/DESIGN.md; tests and e2e)
  kDemo,       // seven days of generated sales, for looking at the UI
};

// Folds sales into minute buckets, client x day rows and client profiles. Versions are set
// to `version` for every table.
DashboardData AggregateFixtureSales(const std::vector<FixtureSale>& sales, const TimeZone& zone,
                                    int64_t version);

// The reference sales: 3574.43 EUR over 10 sales, 2024-12-15 09:15 .. 2024-12-17 18:45
// (Europe/Paris); see tests/server/dashboard_queries_test.cc for every derived total.
std::vector<FixtureSale> ReferenceFixtureSales();

// The `step`-th live sale appended to the reference set (step >= 1): client CLI004 buys a
// Clavier for 100.00 at 2024-12-17 18:45 + step minutes.
FixtureSale ReferenceLiveSale(int64_t step);

// Deterministic pseudo-random sales over `days` days ending at `end` (exclusive).
std::vector<FixtureSale> DemoFixtureSales(uint64_t seed, int64_t days, LocalMinute end);

// Sales for one more demo minute at `minute`, continuing DemoFixtureSales.
std::vector<FixtureSale> DemoLiveSales(uint64_t seed, LocalMinute minute);

// Local minute for a wall-clock date and time.
LocalMinute MakeLocalMinute(int32_t year, uint32_t month, uint32_t day, int hour, int minute);

}  // namespace salesflow
