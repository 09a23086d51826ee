#pragma once

#include <string>

#include "server/alert_rules.h"
#include "server/dashboard_queries.h"
#include "server/dashboard_source.h"
#include "server/json_writer.h"

// JSON encodings of the query results (the REST API's response bodies). Money is always an
// exact decimal string with two digits ("3574.43"); counts are integers; percentages are
// numbers with one decimal, or null when there is nothing to compare with.

namespace salesflow {

// The fields every data response starts with: generation, versions, time zone, demo flag,
// source state. Leaves the object open.
void BeginEnvelope(JsonWriter& w, const DashboardSnapshot& snapshot);
// "period": {"name", "from", "to", "previous_from", "previous_to"}.
void WritePeriod(JsonWriter& w, const DashboardQuery& query, const ResolvedPeriod& period);

std::string KpisJson(const DashboardSnapshot& s, const DashboardQuery& q, const KpiResult& r);
std::string TimeseriesJson(const DashboardSnapshot& s, const DashboardQuery& q,
                           const TimeseriesResult& r);
std::string BreakdownJson(const DashboardSnapshot& s, const DashboardQuery& q,
                          const BreakdownResult& r, Dimension dimension);
std::string ClientsJson(const DashboardSnapshot& s, const DashboardQuery& q,
                        const ClientsResult& r);
std::string HealthJson(const DashboardSnapshot& s);

// {"error":{"code":"invalid_argument","message":"..."}}
std::string ErrorJson(std::string_view code, std::string_view message);

// "alerts": [{"rule", "minute", "chiffre_affaires", "reference"}, ...], as the API and the
// webhook both send them.
void WriteAlertList(JsonWriter& w, const std::vector<Alert>& alerts);

// (current - previous) / previous in percent, or nullopt-as-null when previous is zero.
void WriteChangePct(JsonWriter& w, int64_t current, int64_t previous);

}  // namespace salesflow
