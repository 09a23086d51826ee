#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "server/dashboard_data.h"

namespace salesflow {

// Query-string parameters in the order received (a key may repeat; parsing rejects that).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Time series bucket width before downsampling.
enum class Granularity { kMinute = 1, kHour = 60, kDay = 1440 };

// Columns the clients table sorts on.
enum class ClientSort {
  kChiffreAffaires,
  kNbVentes,
  kPanierMoyen,
  kTotalDepense,
  kClientNom,
  kDernierAchat
};

// The parameters every panel shares, validated. Filters on a dimension keep rows whose value
// is one of the listed ones (empty list = no filter).
struct DashboardQuery {
  // Preset period relative to the newest minute with data: all, 1h, 24h, 7d, 30d.
  std::string period = "all";
  std::optional<LocalMinute> from;                 // explicit start (inclusive), replaces `period`
  std::optional<LocalMinute> to;                   // explicit end (exclusive)
  std::vector<std::string> pays;                   // country filter
  std::vector<std::string> segments;               // segment filter
  std::vector<std::string> categories;             // category filter
  Granularity granularity = Granularity::kHour;    // timeseries only
  int64_t limit = 10;                              // clients only, 1..100
  ClientSort sort = ClientSort::kChiffreAffaires;  // clients only
  bool ascending = false;                          // clients only
};

// One accepted query parameter, for validation and the OpenAPI document.
struct QueryParamSpec {
  const char* name;                  // "period"
  const char* description;           // one line
  std::vector<const char*> choices;  // allowed values; empty = free text (validated by parser)
};

// Parameters shared by every data endpoint: period, from, to, pays, segment, categorie.
const std::vector<QueryParamSpec>& FilterParamSpecs();
// The parameters of the timeseries endpoint beyond the filters.
const std::vector<QueryParamSpec>& TimeseriesParamSpecs();
// The parameters of the clients endpoint beyond the filters.
const std::vector<QueryParamSpec>& ClientsParamSpecs();

// Parses and validates `params` against `allowed` (the endpoint's specs). Unknown, repeated,
// malformed or out-of-range values are InvalidArgument with a message naming the parameter.
Result<DashboardQuery> ParseDashboardQuery(const QueryParams& params,
                                           const std::vector<QueryParamSpec>& allowed);

// "2024-12-16T10:00" for a local minute.
std::string FormatLocalMinute(LocalMinute minute);
// "2024-12-16" for a local day.
std::string FormatLocalDay(LocalDay day);
// Reads "2024-12-16" (midnight) or "2024-12-16T10:00".
Result<LocalMinute> ParseLocalMinute(std::string_view text);

}  // namespace salesflow
