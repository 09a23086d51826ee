#include "server/alert_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace salesflow {

Result<int64_t> ParseAmountCents(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument(
        fmt::format("'{}' is not an amount such as 1000 or 1000.50", text.substr(0, 40)));
  };
  if (text.empty() || text.size() > 16) return bad();
  int64_t units = 0, cents = 0;
  size_t i = 0, digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i, ++digits) {
    if (text[i] < '0' || text[i] > '9') return bad();
    units = units * 10 + (text[i] - '0');
  }
  if (digits == 0) return bad();
  if (i < text.size()) {
    std::string_view frac = text.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return bad();
    for (char c : frac) {
      if (c < '0' || c > '9') return bad();
    }
    cents = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  return units * 100 + cents;
}

AlertsResult EvaluateAlerts(const DashboardData& data, const DashboardQuery& query,
                            const AlertRules& rules) {
  AlertsResult r;
  r.period = ResolvePeriod(data, query);
  if (r.period.to <= r.period.from) return r;
  // Only the newest 45 days are watched (bounded work); an hour before them feeds the
  // trailing statistics of their first minutes.
  LocalMinute watch_from(
      std::max(r.period.from.value(), r.period.to.value() - 45 * kMinutesPerDay));
  LocalMinute from(watch_from.value() - 60);
  std::vector<int64_t> revenue = RevenuePerMinute(data, query, from, r.period.to);
  std::vector<int64_t> largest_sale;
  if (rules.sale_amount_above) {
    largest_sale = LargestSalePerMinute(data, query, from, r.period.to);
  }
  std::vector<Alert> fired;
  // Minutes before the first one with data are zeros of "no data", not of "no sales": the
  // anomaly rule waits for a full trailing hour of data.
  const int64_t anomaly_from = data.minutes.empty() ? 0 : data.minutes.front().minute.value() + 60;
  double sum = 0, sum_sq = 0;
  for (size_t i = 0; i < revenue.size(); ++i) {
    const int64_t v = revenue[i];
    const LocalMinute minute(from.value() + static_cast<int64_t>(i));
    if (i >= 60) {
      if (rules.sale_amount_above && largest_sale[i] > *rules.sale_amount_above) {
        fired.push_back({"sale_amount_above", minute, largest_sale[i], *rules.sale_amount_above});
      }
      if (rules.minute_revenue_above && v > *rules.minute_revenue_above) {
        fired.push_back({"minute_revenue_above", minute, v, *rules.minute_revenue_above});
      }
      if (rules.minute_revenue_below && v < *rules.minute_revenue_below &&
          minute.value() >= r.period.to.value() - 60) {
        fired.push_back({"minute_revenue_below", minute, v, *rules.minute_revenue_below});
      }
      if (rules.anomaly_sigma && minute.value() >= anomaly_from) {
        double mean = sum / 60.0;
        double sd = std::sqrt(std::max(0.0, sum_sq / 60.0 - mean * mean));
        if (sd > 0 && std::fabs(static_cast<double>(v) - mean) > *rules.anomaly_sigma * sd) {
          fired.push_back({"anomaly", minute, v, static_cast<int64_t>(std::llround(mean))});
        }
      }
      double old = static_cast<double>(revenue[i - 60]);
      sum -= old;
      sum_sq -= old * old;
    }
    sum += static_cast<double>(v);
    sum_sq += static_cast<double>(v) * static_cast<double>(v);
  }
  r.total_fired = static_cast<int64_t>(fired.size());
  std::reverse(fired.begin(), fired.end());
  if (fired.size() > kMaxAlerts) fired.resize(kMaxAlerts);
  r.alerts = std::move(fired);
  return r;
}

}  // namespace salesflow
