#include "server/dashboard_api.h"

#include <algorithm>

#include "server/dashboard_json.h"
#include "server/dashboard_queries.h"

namespace salesflow {
namespace {

const std::vector<QueryParamSpec>& NoParams() {
  static const std::vector<QueryParamSpec> none;
  return none;
}

std::string AlertsJson(const DashboardSnapshot& s, const DashboardQuery& q, const AlertRules& rules,
                       const AlertsResult& r) {
  JsonWriter w;
  BeginEnvelope(w, s);
  WritePeriod(w, q, r.period);
  w.Key("rules").BeginObject();
  w.Key("sale_amount_above");
  rules.sale_amount_above ? (void)w.Money(*rules.sale_amount_above) : (void)w.Null();
  w.Key("minute_revenue_above");
  rules.minute_revenue_above ? (void)w.Money(*rules.minute_revenue_above) : (void)w.Null();
  w.Key("minute_revenue_below");
  rules.minute_revenue_below ? (void)w.Money(*rules.minute_revenue_below) : (void)w.Null();
  w.Key("anomaly_sigma");
  rules.anomaly_sigma ? (void)w.Fixed(*rules.anomaly_sigma, 2) : (void)w.Null();
  w.EndObject();
  w.Key("total_fired").Int(r.total_fired);
  WriteAlertList(w, r.alerts);
  w.EndObject();
  return w.Take();
}

}  // namespace

DashboardApi::DashboardApi(const DashboardSource& source, AlertRules rules)
    : source_(source), rules_(rules) {}

const std::vector<ApiEndpoint>& DashboardApi::Endpoints() {
  static const std::vector<ApiEndpoint> endpoints = {
      {"/api/v1/kpis",
       "KPI cards: revenue, sales, units, average basket, top client, change vs the previous "
       "period",
       &FilterParamSpecs()},
      {"/api/v1/timeseries", "revenue over time, zero-filled, at most 2000 points",
       &TimeseriesParamSpecs()},
      {"/api/v1/products", "revenue by product", &FilterParamSpecs()},
      {"/api/v1/categories", "revenue by product category", &FilterParamSpecs()},
      {"/api/v1/countries", "revenue by country", &FilterParamSpecs()},
      {"/api/v1/segments", "revenue by client segment", &FilterParamSpecs()},
      {"/api/v1/clients", "top clients of the period's days with their silver profile",
       &ClientsParamSpecs()},
      {"/api/v1/alerts",
       "threshold and anomaly alerts on revenue per minute and on the largest single sale of a "
       "minute (exact: gold montant_max)",
       &FilterParamSpecs()},
      {"/api/v1/health", "data state, table versions, row counts and filter values", &NoParams()},
  };
  return endpoints;
}

ApiReply DashboardApi::Get(std::string_view path, const QueryParams& params) {
  std::shared_ptr<const DashboardSnapshot> snapshot = source_.Snapshot();
  QueryParams sorted = params;
  std::sort(sorted.begin(), sorted.end());
  std::string key(path);
  for (const auto& [k, v] : sorted) key += "\n" + k + "=" + v;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_generation_ != snapshot->generation) {
      cache_.clear();
      cached_generation_ = snapshot->generation;
    }
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      hits_.fetch_add(1);
      return ApiReply{200, it->second};
    }
  }
  misses_.fetch_add(1);
  ApiReply reply = Compute(std::string(path), params, *snapshot);
  if (reply.status == 200) {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_generation_ == snapshot->generation) {
      if (cache_.size() >= kMaxCacheEntries) cache_.clear();
      cache_.emplace(std::move(key), reply.body);
    }
  }
  return reply;
}

ApiReply DashboardApi::Compute(const std::string& path, const QueryParams& params,
                               const DashboardSnapshot& s) {
  const auto& endpoints = Endpoints();
  auto endpoint = std::find_if(endpoints.begin(), endpoints.end(),
                               [&](const ApiEndpoint& e) { return e.path == path; });
  if (endpoint == endpoints.end()) {
    return ApiReply{404, ErrorJson("not_found", "no endpoint " + path.substr(0, 100))};
  }
  Result<DashboardQuery> parsed = ParseDashboardQuery(params, *endpoint->params);
  if (!parsed.ok()) {
    return ApiReply{400, ErrorJson("invalid_argument", parsed.status().message())};
  }
  const DashboardQuery& q = *parsed;
  const DashboardData& d = *s.data;
  if (path == "/api/v1/kpis") return {200, KpisJson(s, q, ComputeKpis(d, q))};
  if (path == "/api/v1/timeseries") return {200, TimeseriesJson(s, q, ComputeTimeseries(d, q))};
  if (path == "/api/v1/products") {
    return {200,
            BreakdownJson(s, q, ComputeBreakdown(d, q, Dimension::kProduit), Dimension::kProduit)};
  }
  if (path == "/api/v1/categories") {
    return {200, BreakdownJson(s, q, ComputeBreakdown(d, q, Dimension::kCategorie),
                               Dimension::kCategorie)};
  }
  if (path == "/api/v1/countries") {
    return {200, BreakdownJson(s, q, ComputeBreakdown(d, q, Dimension::kPays), Dimension::kPays)};
  }
  if (path == "/api/v1/segments") {
    return {200,
            BreakdownJson(s, q, ComputeBreakdown(d, q, Dimension::kSegment), Dimension::kSegment)};
  }
  if (path == "/api/v1/clients") return {200, ClientsJson(s, q, ComputeClients(d, q))};
  if (path == "/api/v1/alerts")
    return {200, AlertsJson(s, q, rules_, EvaluateAlerts(d, q, rules_))};
  return {200, HealthJson(s)};
}

}  // namespace salesflow
