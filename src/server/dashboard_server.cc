#include "server/dashboard_server.h"

#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>

#include "server/dashboard_api.h"
#include "server/dashboard_json.h"
#include "server/json_writer.h"
#include "server/server_routes.h"
#include "server/session_store.h"
#include "server/static_assets.h"
#include "server/token_store.h"
#include "server/user_store.h"

namespace salesflow {
namespace {

constexpr const char* kCookieName = "sf_session";

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Sends `body` through a sized content provider: cpp-httplib then neither brotli- nor
// gzip-compresses it (its brotli runs at quality 11: 20 s for the 4.7 MB UI bundle, and
// tens of milliseconds for a large JSON answer). Static files come pre-compressed instead.
void SetBody(httplib::Response& res, std::shared_ptr<const std::string> owned,
             std::string_view body, const std::string& content_type) {
  res.set_content_provider(body.size(), content_type,
                           [owned, body](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(body.data() + offset,
                                               std::min<size_t>(length, 256 * 1024));
                           });
}

void SetJson(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  auto owned = std::make_shared<const std::string>(std::move(body));
  std::string_view view(*owned);
  SetBody(res, std::move(owned), view, "application/json");
}

void SetError(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  SetJson(res, status, ErrorJson(code, message));
}

// The value of cookie `name` in a Cookie header, or nullopt when absent.
std::optional<std::string> CookieValue(const std::string& header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

bool IsSessionId(std::string_view v) {
  if (v.size() != 64) return false;
  return std::all_of(v.begin(), v.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

bool IsLoopbackAddress(const std::string& a) {
  return a == "localhost" || a == "::1" || a == "[::1]" || a.rfind("127.", 0) == 0;
}

// Everything the server owns; handlers run on httplib's worker threads.
class DashboardServer::Impl {
 public:
  Impl(const DashboardSource& source, DashboardServerOptions options, UserStore users,
       TokenStore tokens)
      : source_(source),
        options_(std::move(options)),
        api_(source, options_.alert_rules),
        users_(std::move(users)),
        tokens_(std::move(tokens)),
        sessions_(*options_.clock, options_.session_lifetime_us),
        limiter_(*options_.clock, options_.login_max_failures, options_.login_window_us),
        registry_(options_.registry ? options_.registry : std::make_shared<prometheus::Registry>()),
        requests_(prometheus::BuildCounter()
                      .Name("salesflow_dashboard_http_requests_total")
                      .Help("HTTP requests answered, by route and status code")
                      .Register(*registry_)),
        live_gauge_(prometheus::BuildGauge()
                        .Name("salesflow_dashboard_live_clients")
                        .Help("open Server-Sent Events streams")
                        .Register(*registry_)
                        .Add({})),
        live_rejected_(prometheus::BuildCounter()
                           .Name("salesflow_dashboard_live_rejected_total")
                           .Help("live streams refused because the cap was reached")
                           .Register(*registry_)
                           .Add({})),
        login_failures_(prometheus::BuildCounter()
                            .Name("salesflow_dashboard_login_failures_total")
                            .Help("failed or throttled login attempts")
                            .Register(*registry_)
                            .Add({})),
        cache_(prometheus::BuildCounter()
                   .Name("salesflow_dashboard_cache_lookups_total")
                   .Help("API response cache lookups, by result")
                   .Register(*registry_)),
        generation_(prometheus::BuildGauge()
                        .Name("salesflow_dashboard_data_generation")
                        .Help("data snapshots published since start")
                        .Register(*registry_)
                        .Add({})),
        table_version_(prometheus::BuildGauge()
                           .Name("salesflow_dashboard_table_version")
                           .Help("Delta table versions the served data was loaded from")
                           .Register(*registry_)),
        alerts_(prometheus::BuildGauge()
                    .Name("salesflow_dashboard_alerts_active")
                    .Help("alerts fired over the newest hour of data, by rule")
                    .Register(*registry_)) {
    if (options_.tls_cert_file.empty()) {
      http_ = std::make_unique<httplib::Server>();
    } else {
      http_ = std::make_unique<httplib::SSLServer>(options_.tls_cert_file.c_str(),
                                                   options_.tls_key_file.c_str());
    }
  }

  bool auth_required() const {
    std::lock_guard<std::mutex> lock(auth_mu_);
    return !users_.empty() || !tokens_.empty();
  }

  Status Configure();
  Result<int> Start();
  void Stop();
  std::atomic<size_t>& live_clients() { return live_clients_; }
  int port() const { return port_; }
  bool tls() const { return !options_.tls_cert_file.empty(); }
  const DashboardServerOptions& options() const { return options_; }

 private:
  // Who is calling: empty when not authenticated. Sets `bad_cookie` for a malformed or
  // unknown session cookie.
  std::string Authenticate(const httplib::Request& req, bool* bad_cookie,
                           std::optional<std::string>* session_id);
  void ReloadUsersIfChanged();
  QueryParams ParamsOf(const httplib::Request& req) const;
  std::string RouteLabel(const std::string& path) const;
  void UpdateScrapeGauges();

  void HandleLogin(const httplib::Request& req, httplib::Response& res);
  void HandleLogout(const httplib::Request& req, httplib::Response& res);
  void HandleSession(const httplib::Request& req, httplib::Response& res);
  void HandleEvents(const httplib::Request& req, httplib::Response& res);
  void HandleMetrics(httplib::Response& res);
  void HandleStatic(const httplib::Request& req, httplib::Response& res);
  std::string SessionCookie(const std::string& value, int64_t max_age_s) const;

  const DashboardSource& source_;
  DashboardServerOptions options_;
  DashboardApi api_;
  mutable std::mutex auth_mu_;
  UserStore users_;
  TokenStore tokens_;
  std::filesystem::file_time_type users_mtime_{};
  SessionStore sessions_;
  LoginRateLimiter limiter_;
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Gauge& live_gauge_;
  prometheus::Counter& live_rejected_;
  prometheus::Counter& login_failures_;
  prometheus::Family<prometheus::Counter>& cache_;
  prometheus::Gauge& generation_;
  prometheus::Family<prometheus::Gauge>& table_version_;
  prometheus::Family<prometheus::Gauge>& alerts_;
  std::mutex scrape_mu_;
  uint64_t reported_hits_ = 0;
  uint64_t reported_misses_ = 0;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> live_clients_{0};
  int port_ = 0;
};

std::string DashboardServer::Impl::SessionCookie(const std::string& value,
                                                 int64_t max_age_s) const {
  std::string c = std::string(kCookieName) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (tls()) c += "; Secure";
  return c;
}

void DashboardServer::Impl::ReloadUsersIfChanged() {
  // `salesflow user add` may run while the dashboard serves: pick its file up at login.
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(options_.users_file, ec);
  if (ec) return;
  std::lock_guard<std::mutex> lock(auth_mu_);
  if (mtime == users_mtime_) return;
  auto reloaded = UserStore::Load(options_.users_file);
  if (!reloaded.ok()) {
    spdlog::warn("dashboard: keeping the previous users: {}", reloaded.status().ToString());
    return;
  }
  users_ = std::move(reloaded).value();
  users_mtime_ = mtime;
}

std::string DashboardServer::Impl::Authenticate(const httplib::Request& req, bool* bad_cookie,
                                                std::optional<std::string>* session_id) {
  *bad_cookie = false;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    std::lock_guard<std::mutex> lock(auth_mu_);
    auto label = tokens_.Verify(std::string_view(auth).substr(7));
    return label ? "token:" + *label : std::string();
  }
  auto cookie = CookieValue(req.get_header_value("Cookie"), kCookieName);
  if (!cookie) return {};
  if (!IsSessionId(*cookie)) {
    *bad_cookie = true;
    return {};
  }
  auto session = sessions_.Find(*cookie);
  if (!session) {
    *bad_cookie = true;
    return {};
  }
  if (session_id != nullptr) *session_id = *cookie;
  return session->user;
}

QueryParams DashboardServer::Impl::ParamsOf(const httplib::Request& req) const {
  QueryParams out;
  for (const auto& [k, v] : req.params) out.emplace_back(k, v);
  return out;
}

std::string DashboardServer::Impl::RouteLabel(const std::string& path) const {
  for (const ServerRoute& r : ServerRoutes()) {
    if (r.path == path) return r.path;
  }
  return FindStaticAsset(path) != nullptr ? "static" : "other";
}

void DashboardServer::Impl::UpdateScrapeGauges() {
  auto snapshot = source_.Snapshot();
  std::lock_guard<std::mutex> lock(scrape_mu_);
  generation_.Set(static_cast<double>(snapshot->generation));
  table_version_.Add({{"table", "bronze_processed"}})
      .Set(static_cast<double>(snapshot->data->versions.bronze.value()));
  table_version_.Add({{"table", "silver"}})
      .Set(static_cast<double>(snapshot->data->versions.silver.value()));
  table_version_.Add({{"table", "gold"}})
      .Set(static_cast<double>(snapshot->data->versions.gold.value()));
  uint64_t hits = api_.cache_hits(), misses = api_.cache_misses();
  cache_.Add({{"result", "hit"}}).Increment(static_cast<double>(hits - reported_hits_));
  cache_.Add({{"result", "miss"}}).Increment(static_cast<double>(misses - reported_misses_));
  reported_hits_ = hits;
  reported_misses_ = misses;
  DashboardQuery last_hour;
  last_hour.period = "1h";
  AlertsResult fired = EvaluateAlerts(*snapshot->data, last_hour, options_.alert_rules);
  for (const char* rule : kAlertRuleNames) {
    double n = 0;
    for (const Alert& a : fired.alerts) n += a.rule == rule ? 1 : 0;
    alerts_.Add({{"rule", rule}}).Set(n);
  }
  live_gauge_.Set(static_cast<double>(live_clients_.load()));
}

void DashboardServer::Impl::HandleMetrics(httplib::Response& res) {
  UpdateScrapeGauges();
  prometheus::TextSerializer serializer;
  res.set_header("Cache-Control", "no-store");
  auto text = std::make_shared<const std::string>(serializer.Serialize(registry_->Collect()));
  std::string_view view(*text);
  SetBody(res, std::move(text), view, "text/plain; version=0.0.4");
}

void DashboardServer::Impl::HandleSession(const httplib::Request& req, httplib::Response& res) {
  bool bad_cookie = false;
  std::optional<std::string> sid;
  std::string who = Authenticate(req, &bad_cookie, &sid);
  JsonWriter w;
  w.BeginObject();
  w.Key("auth_required").Bool(auth_required());
  w.Key("authenticated").Bool(!who.empty() || !auth_required());
  w.Key("user");
  who.empty() ? (void)w.Null() : (void)w.String(who);
  w.Key("csrf_token");
  std::optional<Session> s = sid ? sessions_.Find(*sid) : std::nullopt;
  s ? (void)w.String(s->csrf_token) : (void)w.Null();
  w.EndObject();
  SetJson(res, 200, w.Take());
}

void DashboardServer::Impl::HandleLogin(const httplib::Request& req, httplib::Response& res) {
  // A cross-site form post must not log the browser in as someone else.
  const std::string origin = req.get_header_value("Origin");
  if (!origin.empty()) {
    const std::string host = req.get_header_value("Host");
    if (origin != "http://" + host && origin != "https://" + host) {
      SetError(res, 403, "bad_origin", "login from another site refused");
      return;
    }
  }
  if (int64_t wait = limiter_.RetryAfterSeconds(req.remote_addr); wait > 0) {
    login_failures_.Increment();
    res.set_header("Retry-After", std::to_string(wait));
    SetError(res, 429, "too_many_attempts",
             "too many failed logins from this address; retry in " + std::to_string(wait) + " s");
    return;
  }
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
    SetError(res, 400, "invalid_argument",
             "send 'user' and 'password' as application/x-www-form-urlencoded");
    return;
  }
  if (req.target.find('?') != std::string::npos) {
    SetError(res, 400, "invalid_argument", "credentials go in the body, not the URL");
    return;
  }
  const std::string user = req.get_param_value("user");
  const std::string password = req.get_param_value("password");
  if (user.empty() || password.empty()) {
    SetError(res, 400, "invalid_argument", "'user' and 'password' are required");
    return;
  }
  ReloadUsersIfChanged();
  bool ok;
  {
    std::lock_guard<std::mutex> lock(auth_mu_);
    ok = users_.Verify(user, password);
  }
  if (!ok) {
    limiter_.RecordFailure(req.remote_addr);
    login_failures_.Increment();
    SetError(res, 401, "bad_credentials", "unknown user or wrong password");
    return;
  }
  limiter_.RecordSuccess(req.remote_addr);
  std::string id = sessions_.Create(user);
  auto s = sessions_.Find(id);
  res.set_header("Set-Cookie", SessionCookie(id, options_.session_lifetime_us / 1000000));
  JsonWriter w;
  w.BeginObject().Key("user").String(user).Key("csrf_token").String(s ? s->csrf_token : "");
  w.EndObject();
  SetJson(res, 200, w.Take());
}

void DashboardServer::Impl::HandleLogout(const httplib::Request& req, httplib::Response& res) {
  bool bad_cookie = false;
  std::optional<std::string> sid;
  Authenticate(req, &bad_cookie, &sid);
  if (sid) {
    auto s = sessions_.Find(*sid);
    if (!s || req.get_header_value("X-CSRF-Token") != s->csrf_token) {
      SetError(res, 403, "csrf", "missing or wrong X-CSRF-Token header");
      return;
    }
    sessions_.Erase(*sid);
  }
  res.set_header("Set-Cookie", SessionCookie("", 0));
  SetJson(res, 200, "{\"logged_out\":true}");
}

void DashboardServer::Impl::HandleEvents(const httplib::Request&, httplib::Response& res) {
  if (live_clients_.fetch_add(1) >= options_.max_live_clients) {
    live_clients_.fetch_sub(1);
    live_rejected_.Increment();
    res.set_header("Retry-After", "5");
    SetError(res, 503, "too_many_streams",
             "too many live-update streams open; the page falls back to polling");
    return;
  }
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");
  struct StreamState {
    uint64_t seen = UINT64_MAX;  // forces a first event with the current version
    bool started = false;
  };
  auto state = std::make_shared<StreamState>();
  res.set_chunked_content_provider(
      "text/event-stream",
      [this, state](size_t, httplib::DataSink& sink) {
        if (!state->started) {
          state->started = true;
          const std::string hello = "retry: 2000\n\n";
          if (!sink.write(hello.data(), hello.size())) return false;
        }
        const auto deadline = std::chrono::steady_clock::now() + options_.heartbeat;
        while (!stopping_.load()) {
          uint64_t gen = source_.WaitForChange(state->seen, std::chrono::milliseconds(200));
          if (gen != state->seen) {
            state->seen = gen;
            auto snap = source_.Snapshot();
            JsonWriter w;
            w.BeginObject();
            w.Key("generation").Int(static_cast<int64_t>(snap->generation));
            w.Key("state").String(SourceStateName(snap->state));
            w.Key("bronze_version").Int(snap->data->versions.bronze.value());
            w.EndObject();
            std::string event = "id: " + std::to_string(snap->generation) +
                                "\nevent: version\ndata: " + w.Take() + "\n\n";
            return sink.write(event.data(), event.size());
          }
          if (std::chrono::steady_clock::now() >= deadline) {
            const std::string ping = ": keep-alive\n\n";
            return sink.write(ping.data(), ping.size());
          }
        }
        return false;  // server stopping: end the stream
      },
      [this](bool) { live_clients_.fetch_sub(1); });
}

void DashboardServer::Impl::HandleStatic(const httplib::Request& req, httplib::Response& res) {
  const StaticAsset* asset = FindStaticAsset(req.path);
  if (asset == nullptr || asset->path.ends_with(".gz")) {
    SetError(res, 404, "not_found", "no such page");
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Accept-Encoding");
  // The build stores big files gzip-compressed beside the originals (web/gzip-dist.mjs).
  const StaticAsset* gz = FindStaticAsset(std::string(asset->path) + ".gz");
  if (gz != nullptr && req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
    res.set_header("Content-Encoding", "gzip");
    SetBody(res, nullptr, gz->body, std::string(asset->content_type));
    return;
  }
  SetBody(res, nullptr, asset->body, std::string(asset->content_type));
}

Status DashboardServer::Impl::Configure() {
  if (!http_->is_valid()) {
    return InvalidArgument("cannot load the TLS certificate '" + options_.tls_cert_file +
                           "' and key '" + options_.tls_key_file + "'");
  }
  std::error_code ec;
  users_mtime_ = std::filesystem::last_write_time(options_.users_file, ec);
  const size_t threads =
      options_.worker_threads != 0 ? options_.worker_threads : options_.max_live_clients + 16;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(options_.max_body_bytes);
  // Headers and body leave in two writes (the body from a content provider): with Nagle the
  // second waits for the client's delayed ACK, 40 ms on every keep-alive request.
  http_->set_tcp_nodelay(true);
  http_->set_keep_alive_max_count(100);
  http_->set_keep_alive_timeout(5);
  http_->set_read_timeout(5, 0);
  http_->set_write_timeout(5, 0);
  httplib::Headers headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  if (tls()) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  http_->set_default_headers(headers);

  http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!auth_required()) return httplib::Server::HandlerResponse::Unhandled;
    const ServerRoute* route = nullptr;
    for (const ServerRoute& r : ServerRoutes()) {
      if (r.path == req.path) route = &r;
    }
    const bool is_api = req.path.rfind("/api/", 0) == 0;
    if (route != nullptr ? !route->authenticated : !is_api) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    bool bad_cookie = false;
    std::string who = Authenticate(req, &bad_cookie, nullptr);
    if (!who.empty()) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("WWW-Authenticate", "Bearer realm=\"salesflow\"");
    if (bad_cookie) {
      res.set_header("Set-Cookie", SessionCookie("", 0));
      SetError(res, 401, "invalid_session", "session cookie unknown, expired or malformed");
    } else {
      SetError(res, 401, "unauthenticated",
               "log in, or send 'Authorization: Bearer <token>' (salesflow token create)");
    }
    return httplib::Server::HandlerResponse::Handled;
  });
  http_->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) {
          return httplib::Server::HandlerResponse::Unhandled;  // a handler already answered
        }
        std::string code = res.status == 404   ? "not_found"
                           : res.status == 413 ? "payload_too_large"
                           : res.status == 414 ? "uri_too_long"
                           : res.status == 400 ? "bad_request"
                                               : "http_" + std::to_string(res.status);
        std::string message = res.status == 404   ? "no such path"
                              : res.status == 413 ? "request body too large"
                              : res.status == 414 ? "request line too long"
                                                  : "request refused";
        SetError(res, res.status, code, message);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http_->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("dashboard: {} {}: {}", req.method, req.path, what);
        SetError(res, 500, "internal", "internal error");
      });
  http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    requests_.Add({{"route", RouteLabel(req.path)}, {"code", std::to_string(res.status)}})
        .Increment();
  });

  for (const ServerRoute& route : ServerRoutes()) {
    const std::string path = route.path;
    httplib::Server::Handler handler;
    if (path == "/api/v1/events") {
      handler = [this](const httplib::Request& q, httplib::Response& s) { HandleEvents(q, s); };
    } else if (path == "/api/v1/session") {
      handler = [this](const httplib::Request& q, httplib::Response& s) { HandleSession(q, s); };
    } else if (path == "/api/v1/login") {
      handler = [this](const httplib::Request& q, httplib::Response& s) { HandleLogin(q, s); };
    } else if (path == "/api/v1/logout") {
      handler = [this](const httplib::Request& q, httplib::Response& s) { HandleLogout(q, s); };
    } else if (path == "/api/v1/openapi.json") {
      handler = [](const httplib::Request&, httplib::Response& s) {
        SetJson(s, 200, OpenApiJson());
      };
    } else if (path == "/metrics") {
      handler = [this](const httplib::Request&, httplib::Response& s) { HandleMetrics(s); };
    } else {
      handler = [this, path](const httplib::Request& q, httplib::Response& s) {
        ApiReply reply = api_.Get(path, ParamsOf(q));
        SetJson(s, reply.status, reply.body);
      };
    }
    // Exact paths only: httplib patterns are regexes, and ours contain '.' (openapi.json).
    std::string pattern;
    for (char c : path) {
      if (c == '.') pattern += '\\';
      pattern += c;
    }
    if (route.method == "GET") {
      http_->Get(pattern, handler);
    } else {
      http_->Post(pattern, handler);
    }
  }
  http_->Get("/.*",
             [this](const httplib::Request& q, httplib::Response& s) { HandleStatic(q, s); });
  return Status::Ok();
}

Result<int> DashboardServer::Impl::Start() {
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.bind_address);
    if (port_ <= 0) return IoError("cannot bind " + options_.bind_address);
  } else {
    if (!http_->bind_to_port(options_.bind_address, options_.port)) {
      return IoError("cannot listen on " + options_.bind_address + ":" +
                     std::to_string(options_.port) + " (in use, or not an address of this host)");
    }
    port_ = options_.port;
  }
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  return port_;
}

void DashboardServer::Impl::Stop() {
  stopping_.store(true);
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

Result<std::unique_ptr<DashboardServer>> DashboardServer::Create(const DashboardSource& source,
                                                                 DashboardServerOptions options) {
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return InvalidArgument("--tls-cert and --tls-key go together");
  }
  for (const std::string& f : {options.tls_cert_file, options.tls_key_file}) {
    if (!f.empty() && !std::ifstream(f)) return InvalidArgument("cannot read TLS file '" + f + "'");
  }
  if (options.max_live_clients == 0) return InvalidArgument("max live clients must be at least 1");
  SF_ASSIGN_OR_RETURN(UserStore users, UserStore::Load(options.users_file));
  SF_ASSIGN_OR_RETURN(TokenStore tokens, TokenStore::Load(options.tokens_file));
  if (users.empty() && tokens.empty() && !IsLoopbackAddress(options.bind_address) &&
      !options.insecure) {
    return InvalidArgument("refusing to serve on " + options.bind_address +
                           " without authentication: add a user with `salesflow user add NAME` "
                           "(users file " +
                           options.users_file.string() +
                           "), or pass --insecure to serve open on purpose");
  }
  auto impl =
      std::make_unique<Impl>(source, std::move(options), std::move(users), std::move(tokens));
  SF_RETURN_IF_ERROR(impl->Configure());
  return std::unique_ptr<DashboardServer>(new DashboardServer(std::move(impl)));
}

DashboardServer::DashboardServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

DashboardServer::~DashboardServer() {
  Stop();
}

Result<int> DashboardServer::Start() {
  return impl_->Start();
}

void DashboardServer::Stop() {
  impl_->Stop();
}

int DashboardServer::port() const {
  return impl_->port();
}

size_t DashboardServer::live_clients() const {
  return impl_->live_clients().load();
}

bool DashboardServer::auth_required() const {
  return impl_->auth_required();
}

std::string DashboardServer::url() const {
  std::string host = impl_->options().bind_address;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return std::string(impl_->tls() ? "https" : "http") + "://" + host + ":" +
         std::to_string(impl_->port()) + "/";
}

}  // namespace salesflow
