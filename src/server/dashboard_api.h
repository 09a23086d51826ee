#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/alert_rules.h"
#include "server/dashboard_query.h"
#include "server/dashboard_source.h"

namespace salesflow {

// An HTTP status and JSON body, independent of the HTTP library (unit-testable).
struct ApiReply {
  int status = 200;  // HTTP status
  std::string body;  // JSON
};

// One GET endpoint of the data API; the list drives routing and the OpenAPI document.
struct ApiEndpoint {
  std::string path;                           // "/api/v1/kpis"
  std::string summary;                        // one line for the OpenAPI document
  const std::vector<QueryParamSpec>* params;  // accepted query parameters
};

// The data endpoints (kpis, timeseries, products, categories, countries, segments, clients,
// alerts, health): validates parameters, computes from the current snapshot and caches the
// encoded body per snapshot generation. Thread-safe.
class DashboardApi {
 public:
  DashboardApi(const DashboardSource& source, AlertRules rules);

  // Every endpoint Get() answers.
  static const std::vector<ApiEndpoint>& Endpoints();

  // Answers GET `path` with `params`: 200, 400 (bad parameter) or 404 (no such endpoint).
  ApiReply Get(std::string_view path, const QueryParams& params);

  // Cache statistics (for /metrics).
  uint64_t cache_hits() const { return hits_.load(); }
  uint64_t cache_misses() const { return misses_.load(); }

 private:
  ApiReply Compute(const std::string& path, const QueryParams& params,
                   const DashboardSnapshot& snapshot);

  const DashboardSource& source_;
  AlertRules rules_;
  std::mutex mu_;
  uint64_t cached_generation_ = 0;                      // generation the cache holds
  std::unordered_map<std::string, std::string> cache_;  // canonical request -> body
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

// Entries above which the cache is emptied (distinct filter combinations are few in practice).
inline constexpr size_t kMaxCacheEntries = 4096;

}  // namespace salesflow
