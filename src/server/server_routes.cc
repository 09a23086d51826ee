#include "server/server_routes.h"

#include "server/dashboard_api.h"
#include "server/json_writer.h"

namespace salesflow {
namespace {

const std::vector<QueryParamSpec>& None() {
  static const std::vector<QueryParamSpec> none;
  return none;
}

const std::vector<QueryParamSpec>& LoginParams() {
  static const std::vector<QueryParamSpec> params = {
      {"user", "user name (salesflow user add NAME)", {}},
      {"password", "password", {}},
  };
  return params;
}

}  // namespace

const std::vector<ServerRoute>& ServerRoutes() {
  static const std::vector<ServerRoute> routes = [] {
    std::vector<ServerRoute> r;
    for (const ApiEndpoint& e : DashboardApi::Endpoints()) {
      r.push_back({"GET", e.path, e.summary, e.params, true, "application/json"});
    }
    r.push_back({"GET", "/api/v1/events",
                 "Server-Sent Events: a 'version' event at start and within 1 s of each new "
                 "data version; 503 when too many streams are open",
                 &None(), true, "text/event-stream"});
    r.push_back({"GET", "/api/v1/session",
                 "whether authentication is required, who is logged in, and the CSRF token",
                 &None(), false, "application/json"});
    r.push_back({"POST", "/api/v1/login",
                 "form login (application/x-www-form-urlencoded); sets the HttpOnly "
                 "SameSite=Strict session cookie; rate-limited per address",
                 &LoginParams(), false, "application/json"});
    r.push_back({"POST", "/api/v1/logout", "ends the session; needs the X-CSRF-Token header",
                 &None(), true, "application/json"});
    r.push_back(
        {"GET", "/api/v1/openapi.json", "this document", &None(), false, "application/json"});
    r.push_back({"GET", "/metrics", "Prometheus metrics (text exposition format)", &None(), true,
                 "text/plain; version=0.0.4"});
    return r;
  }();
  return routes;
}

std::string OpenApiJson() {
  JsonWriter w;
  w.BeginObject();
  w.Key("openapi").String("3.0.3");
  w.Key("info").BeginObject();
  w.Key("title").String("salesflow dashboard API");
  w.Key("version").String("1");
  w.Key("description")
      .String(
          "Figures from the gold and silver tables. Money is an exact decimal string with two "
          "digits (\"3574.43\"); minutes are YYYY-MM-DDTHH:MM on the dashboard time zone's "
          "wall clock; errors are {\"error\":{\"code\",\"message\"}}.");
  w.EndObject();
  w.Key("components").BeginObject();
  w.Key("securitySchemes").BeginObject();
  w.Key("bearer").BeginObject().Key("type").String("http").Key("scheme").String("bearer");
  w.EndObject();
  w.Key("session").BeginObject().Key("type").String("apiKey").Key("in").String("cookie");
  w.Key("name").String("sf_session").EndObject();
  w.EndObject();
  w.Key("schemas").BeginObject();
  w.Key("Error").BeginObject().Key("type").String("object");
  w.Key("properties").BeginObject();
  w.Key("error").BeginObject().Key("type").String("object").Key("properties").BeginObject();
  w.Key("code").BeginObject().Key("type").String("string").EndObject();
  w.Key("message").BeginObject().Key("type").String("string").EndObject();
  w.EndObject().EndObject();
  w.EndObject().EndObject();
  w.EndObject();
  w.EndObject();
  w.Key("paths").BeginObject();
  for (const ServerRoute& r : ServerRoutes()) {
    w.Key(r.path).BeginObject();
    std::string method = r.method == "GET" ? "get" : "post";
    w.Key(method).BeginObject();
    w.Key("summary").String(r.summary);
    if (r.authenticated) {
      w.Key("security").BeginArray();
      w.BeginObject().Key("bearer").BeginArray().EndArray().EndObject();
      w.BeginObject().Key("session").BeginArray().EndArray().EndObject();
      w.EndArray();
    } else {
      w.Key("security").BeginArray().EndArray();
    }
    if (r.method == "GET") {
      w.Key("parameters").BeginArray();
      for (const QueryParamSpec& p : *r.params) {
        w.BeginObject();
        w.Key("name").String(p.name);
        w.Key("in").String("query");
        w.Key("required").Bool(false);
        w.Key("description").String(p.description);
        w.Key("schema").BeginObject().Key("type").String("string");
        if (!p.choices.empty()) {
          w.Key("enum").BeginArray();
          for (const char* c : p.choices) w.String(c);
          w.EndArray();
        }
        w.EndObject();
        w.EndObject();
      }
      w.EndArray();
    } else if (!r.params->empty()) {
      w.Key("requestBody").BeginObject().Key("required").Bool(true);
      w.Key("content").BeginObject().Key("application/x-www-form-urlencoded").BeginObject();
      w.Key("schema").BeginObject().Key("type").String("object").Key("properties").BeginObject();
      for (const QueryParamSpec& p : *r.params) {
        w.Key(p.name).BeginObject().Key("type").String("string");
        w.Key("description").String(p.description).EndObject();
      }
      w.EndObject().EndObject().EndObject().EndObject().EndObject();
    }
    w.Key("responses").BeginObject();
    w.Key("200").BeginObject().Key("description").String("success");
    w.Key("content").BeginObject().Key(r.content_type).BeginObject().EndObject().EndObject();
    w.EndObject();
    auto error = [&](const char* code, const char* why) {
      w.Key(code).BeginObject().Key("description").String(why);
      w.Key("content").BeginObject().Key("application/json").BeginObject();
      w.Key("schema").BeginObject().Key("$ref").String("#/components/schemas/Error").EndObject();
      w.EndObject().EndObject().EndObject();
    };
    if (!r.params->empty()) error("400", "a parameter is unknown, repeated or malformed");
    if (r.authenticated) error("401", "authentication required");
    if (r.path == "/api/v1/login") error("429", "too many failed attempts from this address");
    if (r.path == "/api/v1/logout") error("403", "missing or wrong X-CSRF-Token");
    if (r.path == "/api/v1/events") error("503", "too many live streams open");
    w.EndObject();
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace salesflow
