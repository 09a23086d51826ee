// The dashboard over real HTTP on 127.0.0.1 (a free port), serving the reference fixture
// (src/server/fixture_dataset.cc; totals derived by hand in dashboard_queries_test.cc).
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "server/dashboard_server.h"
#include "server/fixture_dataset.h"
#include "server/server_routes.h"
#include "server/token_store.h"
#include "server/user_store.h"
#include "sse_recorder.h"

namespace salesflow {
namespace {

class DashboardServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sf-server-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto zone = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(zone.ok());
    zone_ = *zone;
    source_.Publish(AggregateFixtureSales(ReferenceFixtureSales(), zone_, 7));
  }
  void TearDown() override {
    if (server_) server_->Stop();
    std::filesystem::remove_all(dir_);
  }

  void StartServer(bool with_user, DashboardServerOptions options = {}) {
    options.port = 0;
    options.users_file = dir_ / "users";
    options.tokens_file = dir_ / "tokens";
    options.heartbeat = std::chrono::milliseconds(300);
    if (with_user) {
      auto users = UserStore::Load(options.users_file);
      ASSERT_TRUE(users.ok());
      ASSERT_TRUE(users->Set("alice", "correct horse", MinimalPasswordCost()).ok());
      ASSERT_TRUE(users->Save().ok());
      auto tokens = TokenStore::Load(options.tokens_file);
      ASSERT_TRUE(tokens.ok());
      auto token = tokens->Create("ci");
      ASSERT_TRUE(token.ok());
      token_ = *token;
      ASSERT_TRUE(tokens->Save().ok());
    }
    auto server = DashboardServer::Create(source_, options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    auto port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(5, 0);
    if (!token_.empty()) c.set_bearer_token_auth(token_.c_str());
    return c;
  }

  std::string Get(const std::string& path, int expected_status = 200) {
    auto c = Client();
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, expected_status) << path << " -> " << res->body;
    return res->body;
  }

  static bool Has(const std::string& body, const std::string& part) {
    return body.find(part) != std::string::npos;
  }

  std::filesystem::path dir_;
  TimeZone zone_;
  InMemoryDashboardSource source_;
  std::unique_ptr<DashboardServer> server_;
  int port_ = 0;
  std::string token_;
};

TEST_F(DashboardServerTest, EveryEndpointReturnsTheFixtureFigures) {
  StartServer(false);
  std::string kpis = Get("/api/v1/kpis");
  EXPECT_TRUE(
      Has(kpis, R"("chiffre_affaires":{"value":"3574.43","previous":null,"change_pct":null})"))
      << kpis;
  EXPECT_TRUE(Has(kpis, R"("nb_ventes":{"value":10,)")) << kpis;
  EXPECT_TRUE(Has(kpis, R"("panier_moyen":{"value":"357.44",)")) << kpis;
  EXPECT_TRUE(Has(
      kpis,
      R"("top_client":{"client_id":"CLI001","client_nom":"Alice Martin","chiffre_affaires":"2249.48","nb_ventes":3})"))
      << kpis;
  EXPECT_TRUE(Has(kpis, R"("time_zone":"Europe/Paris")")) << kpis;

  std::string day = Get("/api/v1/kpis?period=24h");
  EXPECT_TRUE(
      Has(day, R"("chiffre_affaires":{"value":"50.00","previous":"3274.93","change_pct":-98.5})"))
      << day;

  std::string ts = Get("/api/v1/timeseries?granularity=day");
  EXPECT_TRUE(Has(
      ts,
      R"("points":[{"t":"2024-12-15T00:00","nb_ventes":1,"quantite":1,"chiffre_affaires":"249.50"},{"t":"2024-12-16T00:00","nb_ventes":7,"quantite":10,"chiffre_affaires":"3274.93"},{"t":"2024-12-17T00:00","nb_ventes":2,"quantite":2,"chiffre_affaires":"50.00"}])"))
      << ts;
  std::string products = Get("/api/v1/products");
  EXPECT_TRUE(Has(
      products,
      R"({"name":"Laptop","categorie":"Electronique","nb_ventes":3,"quantite":3,"chiffre_affaires":"2999.97","part_pct":83.9})"))
      << products;
  std::string cats = Get("/api/v1/categories?pays=France");
  EXPECT_TRUE(Has(cats, R"("total":{"nb_ventes":4,"quantite":6,"chiffre_affaires":"2324.48"})"))
      << cats;
  std::string countries = Get("/api/v1/countries");
  EXPECT_TRUE(Has(
      countries,
      R"({"name":"Belgique","nb_ventes":3,"quantite":3,"chiffre_affaires":"1049.99","part_pct":29.4})"))
      << countries;
  std::string segments = Get("/api/v1/segments");
  EXPECT_TRUE(Has(
      segments,
      R"({"name":"Entreprise","nb_ventes":2,"quantite":4,"chiffre_affaires":"1074.99","part_pct":30.1})"))
      << segments;
  std::string clients = Get("/api/v1/clients?limit=1&sort=nb_ventes&order=asc");
  EXPECT_TRUE(Has(
      clients,
      R"("rows":[{"client_id":"CLI002","client_nom":"Bureau Dupont SARL","pays":"France","segment":"Entreprise","fidelite":"bronze","risque_churn":false,"nb_ventes":1,"chiffre_affaires":"75.00","total_depense":"75.00","nb_achats":1,"panier_moyen":"75.00","dernier_achat":"2024-12-16T09:00:00.000000Z","in_silver":true}])"))
      << clients;
  std::string health = Get("/api/v1/health");
  EXPECT_TRUE(Has(health, R"("state":"ready")")) << health;
  EXPECT_TRUE(Has(health, R"("data_end":"2024-12-17T18:46")")) << health;
  EXPECT_TRUE(Has(health, R"("versions":{"bronze":7,"silver":7,"gold":7})")) << health;
  std::string alerts = Get("/api/v1/alerts");
  EXPECT_TRUE(Has(alerts, R"("alerts":[])")) << alerts;
}

TEST_F(DashboardServerTest, AlertsFireOnThresholds) {
  DashboardServerOptions options;
  options.alert_rules.minute_revenue_above = 100000;  // 1000.00 in one minute
  StartServer(false, options);
  std::string alerts = Get("/api/v1/alerts");
  // Only 2024-12-16 10:00 (2074.98) is above 1000.00.
  EXPECT_TRUE(Has(
      alerts,
      R"("total_fired":1,"alerts":[{"rule":"minute_revenue_above","minute":"2024-12-16T10:00","chiffre_affaires":"2074.98","reference":"1000.00"}])"))
      << alerts;
}

TEST_F(DashboardServerTest, BadParametersAre400WithAMessage) {
  StartServer(false);
  std::string body = Get("/api/v1/kpis?period=2d", 400);
  EXPECT_TRUE(Has(
      body,
      R"({"error":{"code":"invalid_argument","message":"parameter 'period': '2d' is not one of all, 1h, 24h, 7d, 30d"}})"))
      << body;
  EXPECT_TRUE(Has(Get("/api/v1/clients?limit=1000", 400), "1 to 100"));
  EXPECT_TRUE(Has(Get("/api/v1/timeseries?granularity=week", 400), "granularity"));
  EXPECT_TRUE(Has(Get("/api/v1/kpis?nope=1", 400), "unknown parameter 'nope'"));
  EXPECT_TRUE(Has(Get("/api/v1/kpis?from=2024-13-01", 400), "not a date"));
  EXPECT_TRUE(Has(Get("/api/v1/health?x=1", 400), "unknown parameter"));
  EXPECT_TRUE(Has(Get("/api/v1/nothing", 404), R"("code":"not_found")"));
}

TEST_F(DashboardServerTest, OpenApiDocumentMatchesTheRoutes) {
  StartServer(false);
  std::string doc = Get("/api/v1/openapi.json");
  std::set<std::string> documented;
  std::regex path_re(R"re("(/[a-z0-9/._]*)":\{"(get|post)")re");
  for (std::sregex_iterator it(doc.begin(), doc.end(), path_re), end; it != end; ++it) {
    documented.insert((*it)[2].str() + " " + (*it)[1].str());
  }
  std::set<std::string> routes;
  for (const ServerRoute& r : ServerRoutes()) {
    routes.insert((r.method == "GET" ? "get " : "post ") + r.path);
  }
  EXPECT_EQ(documented, routes);
  EXPECT_GE(documented.size(), 15u);
  // Every documented GET path answers (never 404), every POST path exists.
  auto c = Client();
  for (const ServerRoute& r : ServerRoutes()) {
    if (r.path == "/api/v1/events") continue;  // a stream: checked in LiveUpdates
    auto res = r.method == "GET" ? c.Get(r.path.c_str()) : c.Post(r.path.c_str(), "", "text/plain");
    ASSERT_TRUE(res) << r.path;
    EXPECT_NE(res->status, 404) << r.method << " " << r.path;
    EXPECT_LT(res->status, 500) << r.method << " " << r.path;
  }
}

TEST_F(DashboardServerTest, StrictHeadersAndEmbeddedFilesOnly) {
  StartServer(false);
  auto c = Client();
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(index->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  for (const char* path :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../CMakeLists.txt",
        "/index.html/..", "//etc/passwd", "/.git/config"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_FALSE(Has(res->body, "root:")) << path;
  }
}

TEST_F(DashboardServerTest, OversizedRequestsAreRefused) {
  StartServer(false);
  auto c = Client();
  auto big =
      c.Post("/api/v1/login", std::string(64 * 1024, 'x'), "application/x-www-form-urlencoded");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  std::string long_query = "/api/v1/kpis?pays=" + std::string(10000, 'a');
  auto uri = c.Get(long_query.c_str());
  ASSERT_TRUE(uri);
  EXPECT_EQ(uri->status, 414);
  EXPECT_EQ(Get("/api/v1/kpis?pays=" + std::string(101, 'a'), 400).find("longer than 100") !=
                std::string::npos,
            true);
}

TEST_F(DashboardServerTest, AuthenticationWhenUsersExist) {
  StartServer(true);
  httplib::Client anon("127.0.0.1", port_);
  for (const char* path : {"/api/v1/kpis", "/api/v1/events", "/metrics", "/api/v1/health"}) {
    auto res = anon.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_TRUE(Has(res->body, R"("code":"unauthenticated")")) << res->body;
  }
  // The page itself and the session probe load without a login.
  EXPECT_EQ(anon.Get("/")->status, 200);
  EXPECT_TRUE(
      Has(anon.Get("/api/v1/session")->body, R"("auth_required":true,"authenticated":false)"));
  // Bad cookies: malformed, unknown.
  httplib::Headers bad = {{"Cookie", "sf_session=../../etc"}};
  auto r1 = anon.Get("/api/v1/kpis", bad);
  EXPECT_EQ(r1->status, 401);
  EXPECT_TRUE(Has(r1->body, "invalid_session"));
  httplib::Headers unknown = {{"Cookie", "sf_session=" + std::string(64, 'a')}};
  EXPECT_EQ(anon.Get("/api/v1/kpis", unknown)->status, 401);
  // Bearer tokens.
  EXPECT_EQ(Get("/api/v1/kpis"), Get("/api/v1/kpis"));
  httplib::Headers wrong_token = {
      {"Authorization", "Bearer sft_0000000000000000_" + std::string(64, '0')}};
  EXPECT_EQ(anon.Get("/api/v1/kpis", wrong_token)->status, 401);

  // Login: wrong password, then right; the cookie is HttpOnly and SameSite=Strict.
  auto fail =
      anon.Post("/api/v1/login", "user=alice&password=wrong", "application/x-www-form-urlencoded");
  EXPECT_EQ(fail->status, 401);
  auto ok = anon.Post("/api/v1/login", "user=alice&password=correct+horse",
                      "application/x-www-form-urlencoded");
  ASSERT_EQ(ok->status, 200) << ok->body;
  std::string set_cookie = ok->get_header_value("Set-Cookie");
  EXPECT_TRUE(Has(set_cookie, "HttpOnly")) << set_cookie;
  EXPECT_TRUE(Has(set_cookie, "SameSite=Strict")) << set_cookie;
  EXPECT_FALSE(Has(set_cookie, "Secure")) << "no TLS here";
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(ok->body, m, std::regex(R"re("csrf_token":"([0-9a-f]{64})")re")));
  std::string csrf = m[1];
  httplib::Headers with_cookie = {{"Cookie", cookie}};
  EXPECT_EQ(anon.Get("/api/v1/kpis", with_cookie)->status, 200);
  // Logout without the CSRF token is refused; with it, the session ends.
  EXPECT_EQ(anon.Post("/api/v1/logout", with_cookie, "", "text/plain")->status, 403);
  httplib::Headers with_csrf = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  EXPECT_EQ(anon.Post("/api/v1/logout", with_csrf, "", "text/plain")->status, 200);
  EXPECT_EQ(anon.Get("/api/v1/kpis", with_cookie)->status, 401);
  // Cross-site login posts are refused.
  httplib::Headers evil = {{"Origin", "http://evil.example"}};
  EXPECT_EQ(anon.Post("/api/v1/login", evil, "user=alice&password=correct+horse",
                      "application/x-www-form-urlencoded")
                ->status,
            403);
}

TEST_F(DashboardServerTest, LoginAttemptsAreRateLimited) {
  StartServer(true);
  httplib::Client anon("127.0.0.1", port_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(anon.Post("/api/v1/login", "user=alice&password=nope-nope",
                        "application/x-www-form-urlencoded")
                  ->status,
              401);
  }
  auto blocked = anon.Post("/api/v1/login", "user=alice&password=correct+horse",
                           "application/x-www-form-urlencoded");
  EXPECT_EQ(blocked->status, 429);
  EXPECT_FALSE(blocked->get_header_value("Retry-After").empty());
}

TEST_F(DashboardServerTest, NonLoopbackBindWithoutUsersIsRefused) {
  DashboardServerOptions options;
  options.bind_address = "0.0.0.0";
  options.users_file = dir_ / "users";
  options.tokens_file = dir_ / "tokens";
  auto refused = DashboardServer::Create(source_, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(Has(refused.status().message(), "--insecure"));
  options.insecure = true;
  EXPECT_TRUE(DashboardServer::Create(source_, options).ok());
  options.tls_cert_file = (dir_ / "missing.pem").string();
  EXPECT_FALSE(DashboardServer::Create(source_, options).ok());
}

TEST_F(DashboardServerTest, LiveUpdatesArriveWithinOneSecond) {
  DashboardServerOptions options;
  options.max_live_clients = 2;
  StartServer(false, options);
  testing::SseRecorder events(port_);
  ASSERT_TRUE(events.WaitFor("event: version\ndata: {\"generation\":1,", std::chrono::seconds(3)))
      << events.received();
  // A second stream fits; a third is refused with 503 while two are open.
  std::thread second([&] {
    httplib::Client c("127.0.0.1", port_);
    c.Get("/api/v1/events", [&](const char*, size_t) { return !events.stop_requested(); });
  });
  for (int i = 0; i < 50 && server_->live_clients() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Get("/api/v1/events", 503).find("too_many_streams") != std::string::npos, true);
  // The API keeps answering while streams hold threads.
  EXPECT_TRUE(Has(Get("/api/v1/kpis"), "3574.43"));

  std::vector<FixtureSale> sales = ReferenceFixtureSales();
  sales.push_back(ReferenceLiveSale(1));
  auto published = std::chrono::steady_clock::now();
  source_.Publish(AggregateFixtureSales(sales, zone_, 8));
  ASSERT_TRUE(events.WaitFor("data: {\"generation\":2,\"state\":\"ready\",\"bronze_version\":8}",
                             std::chrono::seconds(1)))
      << events.received();
  EXPECT_LT(std::chrono::steady_clock::now() - published, std::chrono::seconds(1));
  EXPECT_TRUE(Has(Get("/api/v1/kpis"), "3674.43"));  // the cache follows the generation
  events.RequestStop();
  server_->Stop();
  events.Join();
  second.join();
}

TEST_F(DashboardServerTest, TlsServesHttpsAndSecureCookies) {
  // A throwaway self-signed certificate from the openssl tool (libssl-dev's companion).
  const std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
  const std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl must be installed";
  DashboardServerOptions options;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  StartServer(true, options);
  EXPECT_EQ(server_->url().rfind("https://127.0.0.1:", 0), 0u) << server_->url();
  httplib::SSLClient c("127.0.0.1", port_);
  c.enable_server_certificate_verification(false);
  auto ok = c.Post("/api/v1/login", "user=alice&password=correct+horse",
                   "application/x-www-form-urlencoded");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200);
  EXPECT_TRUE(Has(ok->get_header_value("Set-Cookie"), "; Secure"))
      << ok->get_header_value("Set-Cookie");
  EXPECT_FALSE(ok->get_header_value("Strict-Transport-Security").empty());
  // Plain HTTP on the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", port_);
  plain.set_read_timeout(2, 0);
  auto res = plain.Get("/api/v1/session");
  EXPECT_TRUE(!res || res->status != 200);
  // A key that does not parse is refused at start.
  std::ofstream(dir_ / "bad.pem") << "not a key";
  options.tls_key_file = (dir_ / "bad.pem").string();
  options.users_file = dir_ / "users";
  options.tokens_file = dir_ / "tokens";
  EXPECT_FALSE(DashboardServer::Create(source_, options).ok());
}

TEST_F(DashboardServerTest, MetricsInPrometheusFormat) {
  StartServer(false);
  Get("/api/v1/kpis");
  Get("/api/v1/kpis");
  // Requests are counted once their response is sent, so a scrape may briefly lag the client.
  std::string metrics;
  for (int i = 0; i < 40; ++i) {
    metrics = Get("/metrics");
    if (Has(metrics, R"(route="/api/v1/kpis"} 2)")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(Has(metrics, "# TYPE salesflow_dashboard_http_requests_total counter")) << metrics;
  EXPECT_TRUE(
      Has(metrics, R"(salesflow_dashboard_http_requests_total{code="200",route="/api/v1/kpis"} 2)"))
      << metrics;
  EXPECT_TRUE(Has(metrics, R"(salesflow_dashboard_cache_lookups_total{result="hit"} 1)"))
      << metrics;
  EXPECT_TRUE(Has(metrics, R"(salesflow_dashboard_table_version{table="gold"} 7)")) << metrics;
}

}  // namespace
}  // namespace salesflow
