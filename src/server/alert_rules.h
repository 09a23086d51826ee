#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "server/dashboard_queries.h"

namespace salesflow {

// Threshold rules on revenue per minute (config [dashboard.alerts]). A rule left unset is off.
// The rule on the amount of one sale is exact: gold keeps the largest single sale of each
// bucket (ventes_par_minute.montant_max), so a big sale among smaller ones of the same bucket
// fires too (docs/DESIGN.md).
struct AlertRules {
  std::optional<int64_t> sale_amount_above;     // cents: one sale above this fires
  std::optional<int64_t> minute_revenue_above;  // cents: a minute above this fires
  std::optional<int64_t> minute_revenue_below;  // cents: one of the last 60 minutes below fires
  std::optional<double> anomaly_sigma;          // k: |minute - trailing-hour mean| > k * stddev
};

// One fired rule.
struct Alert {
  std::string rule;       // "sale_amount_above", "minute_revenue_above", "minute_revenue_below",
                          // "anomaly"
  LocalMinute minute;     // the minute concerned
  int64_t value = 0;      // that minute's revenue (sale rule: its largest sale), cents
  int64_t reference = 0;  // threshold, or the trailing mean for anomalies (cents)
};

// Newest first, at most kMaxAlerts.
struct AlertsResult {
  ResolvedPeriod period;      // the minutes evaluated
  std::vector<Alert> alerts;  // fired rules
  int64_t total_fired = 0;    // before truncation
};

inline constexpr size_t kMaxAlerts = 100;

// Every rule name, in the order metrics list them.
inline constexpr const char* kAlertRuleNames[] = {"sale_amount_above", "minute_revenue_above",
                                                  "minute_revenue_below", "anomaly"};

// Reads a threshold written as a decimal amount ("1000", "1000.5", "1000.50") into cents.
Result<int64_t> ParseAmountCents(std::string_view text);

// Evaluates `rules` on the per-minute revenue of the query's period and filters.
AlertsResult EvaluateAlerts(const DashboardData& data, const DashboardQuery& query,
                            const AlertRules& rules);

}  // namespace salesflow
