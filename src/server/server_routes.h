#pragma once

#include <string>
#include <vector>

#include "server/dashboard_query.h"

namespace salesflow {

// One route of the dashboard server. The server registers exactly these (plus the embedded
// static files) and the OpenAPI document lists exactly these, so the two cannot drift.
struct ServerRoute {
  std::string method;                         // "GET" or "POST"
  std::string path;                           // "/api/v1/kpis"
  std::string summary;                        // one line
  const std::vector<QueryParamSpec>* params;  // query (GET) or form (POST) parameters
  bool authenticated;                         // needs a session or bearer token when auth is on
  std::string content_type;                   // of a successful response
};

// Every route, data endpoints first.
const std::vector<ServerRoute>& ServerRoutes();

// The OpenAPI 3.0 document of ServerRoutes(), as JSON.
std::string OpenApiJson();

}  // namespace salesflow
