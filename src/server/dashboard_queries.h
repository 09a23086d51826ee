#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/dashboard_data.h"
#include "server/dashboard_query.h"

// The dashboard's figures, computed from one DashboardData for one DashboardQuery. Pure
// functions: the API layer caches their encoded results per snapshot generation.

namespace salesflow {

// The minutes a query covers, and the period before it of the same length.
struct ResolvedPeriod {
  LocalMinute from;           // inclusive
  LocalMinute to;             // exclusive
  bool has_previous = false;  // false for "all" (nothing before everything)
  LocalMinute previous_from;  // inclusive
  LocalMinute previous_to;    // exclusive (= from)
};

// Sums over sales.
struct SalesTotals {
  int64_t nb_ventes = 0;         // number of sales
  int64_t quantite = 0;          // units
  int64_t chiffre_affaires = 0;  // revenue, cents
};

// Revenue / sales, rounded half-even to the cent; 0 when there are no sales.
int64_t PanierMoyen(const SalesTotals& totals);

// The best client of a period.
struct TopClient {
  std::string client_id;         // key
  std::string client_nom;        // name from silver
  int64_t chiffre_affaires = 0;  // revenue in the period's days, cents
  int64_t nb_ventes = 0;         // sales in the period's days
};

// The KPI cards.
struct KpiResult {
  ResolvedPeriod period;                         // what was summed
  SalesTotals current;                           // in the period
  std::optional<SalesTotals> previous;           // in the previous period, when there is one
  std::optional<TopClient> top_client;           // none when no client bought
  std::optional<TopClient> previous_top_client;  // for the card's comparison
};

// One point of the revenue series.
struct TimePoint {
  LocalMinute start;   // bucket start
  SalesTotals totals;  // sums in [start, start + bucket)
};

// Revenue over time.
struct TimeseriesResult {
  ResolvedPeriod period;          // what was covered
  int64_t bucket_minutes = 60;    // width of each point after downsampling
  bool downsampled = false;       // wider than the requested granularity
  std::vector<TimePoint> points;  // zero-filled, ordered, at most kMaxPoints
};

// Upper bound on timeseries points.
inline constexpr int64_t kMaxPoints = 2000;

// One row of a breakdown (by product, category, country or segment).
struct BreakdownRow {
  std::string name;       // the dimension value
  std::string categorie;  // the product's category (products only)
  SalesTotals totals;     // in the period
};

// Which dimension a breakdown groups by.
enum class Dimension { kProduit, kCategorie, kPays, kSegment };

// A breakdown, sorted by revenue descending then name.
struct BreakdownResult {
  ResolvedPeriod period;           // what was summed
  SalesTotals total;               // over every row (for shares)
  std::vector<BreakdownRow> rows;  // one per value with sales
};

// One row of the clients table.
struct ClientRow {
  const ClientProfile* profile = nullptr;  // silver attributes (points into the data)
  int64_t nb_ventes = 0;                   // sales in the period's days
  int64_t chiffre_affaires = 0;            // revenue in the period's days, cents
};

// The clients table: ranked on the whole days the period touches (gold client x day).
struct ClientsResult {
  ResolvedPeriod period;         // what was asked
  LocalDay first_day;            // first day summed
  LocalDay last_day;             // last day summed (inclusive)
  int64_t matching_clients = 0;  // clients with sales in those days after filters
  std::vector<ClientRow> rows;   // at most query.limit
};

// The newest minute with data + 1 (the end of presets); 0 without data.
LocalMinute DataEnd(const DashboardData& data);

ResolvedPeriod ResolvePeriod(const DashboardData& data, const DashboardQuery& query);
KpiResult ComputeKpis(const DashboardData& data, const DashboardQuery& query);
TimeseriesResult ComputeTimeseries(const DashboardData& data, const DashboardQuery& query);
BreakdownResult ComputeBreakdown(const DashboardData& data, const DashboardQuery& query,
                                 Dimension dimension);
ClientsResult ComputeClients(const DashboardData& data, const DashboardQuery& query);
// Revenue (cents) of every minute of [from, to) after the query's filters, zero-filled,
// without downsampling (alerts read it; callers bound the span).
std::vector<int64_t> RevenuePerMinute(const DashboardData& data, const DashboardQuery& query,
                                      LocalMinute from, LocalMinute to);
// For every minute of [from, to): the largest single sale (gold montant_max, the max over the
// minute's buckets) after the filters, 0 without sales. Exact: what the per-sale alert reads.
std::vector<int64_t> LargestSalePerMinute(const DashboardData& data, const DashboardQuery& query,
                                          LocalMinute from, LocalMinute to);

}  // namespace salesflow
