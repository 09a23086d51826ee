// Monitoring for real: Debian's Prometheus server (package `prometheus`, scripts/setup-deps)
// scrapes the dashboard's /metrics on 127.0.0.1, and the loader's publish counter comes back
// from Prometheus' HTTP query API — once, then again after a new commit. About 5 s.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <prometheus/registry.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "server/dashboard_server.h"
#include "server/delta_dashboard_loader.h"
#include "server/fixture_dataset.h"
#include "server/fixture_tables.h"

namespace salesflow {
namespace {

// A port free on 127.0.0.1 right now (Prometheus needs a fixed listen address).
int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::filesystem::path FindPrometheus() {
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    std::filesystem::path p = std::filesystem::path(dir) / "prometheus";
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

// The Prometheus child process; killed and reaped on destruction.
class PrometheusProcess {
 public:
  PrometheusProcess(const std::filesystem::path& binary, const std::filesystem::path& dir,
                    int port) {
    std::string config = fmt::format("--config.file={}", (dir / "prometheus.yml").string());
    std::string storage = fmt::format("--storage.tsdb.path={}", (dir / "tsdb").string());
    std::string listen = fmt::format("--web.listen-address=127.0.0.1:{}", port);
    std::string log = (dir / "prometheus.log").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execl(binary.c_str(), "prometheus", config.c_str(), storage.c_str(), listen.c_str(),
              "--log.level=warn", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~PrometheusProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

TEST(PrometheusScrapeTest, PrometheusReadsTheDashboardCounters) {
  std::filesystem::path prometheus = FindPrometheus();
  ASSERT_FALSE(prometheus.empty())
      << "Debian's prometheus is not installed: run scripts/setup-deps (package prometheus)";
  auto dir =
      std::filesystem::temp_directory_path() / fmt::format("sf-prometheus-test-{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto zone = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(zone.ok());
  std::vector<FixtureSale> sales = ReferenceFixtureSales();
  for (FixtureSale& s : sales) s.client_id = fmt::format("1{}", s.client_id.substr(3));
  FixtureTablesOptions tables{dir / "delta_silver_aggreges", dir / "delta_gold"};
  ASSERT_TRUE(CommitFixtureTables(tables, AggregateFixtureSales(sales, *zone, 1), 1).ok());

  auto registry = std::make_shared<prometheus::Registry>();
  InMemoryDashboardSource source;
  DeltaDashboardLoader loader(source, {.silver_table = tables.silver_table,
                                       .gold_dir = tables.gold_dir,
                                       .time_zone = "Europe/Paris",
                                       .registry = registry});
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok() && *polled) << polled.status().ToString();
  DashboardServerOptions options;
  options.port = 0;
  options.users_file = dir / "users";
  options.tokens_file = dir / "tokens";
  options.registry = registry;
  auto server = DashboardServer::Create(source, options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto port = (*server)->Start();
  ASSERT_TRUE(port.ok());

  int prometheus_port = FreeLoopbackPort();
  ASSERT_GT(prometheus_port, 0);
  {
    std::ofstream yml(dir / "prometheus.yml");
    yml << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        << "scrape_configs:\n  - job_name: salesflow-dashboard\n    static_configs:\n"
        << "      - targets: ['127.0.0.1:" << *port << "']\n";
  }
  PrometheusProcess process(prometheus, dir, prometheus_port);
  httplib::Client api("127.0.0.1", prometheus_port);
  api.set_connection_timeout(1, 0);
  api.set_read_timeout(2, 0);
  // Polls an instant query until its result carries `value`; returns the last body.
  auto query_until = [&](const std::string& query, const std::string& value) {
    std::string body;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (std::chrono::steady_clock::now() < deadline && process.running()) {
      auto res = api.Get(fmt::format("/api/v1/query?query={}", query));
      if (res && res->status == 200) {
        body = res->body;
        if (body.find(fmt::format(",\"{}\"]", value)) != std::string::npos) return body;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return fmt::format("timed out; last answer: {}", body);
  };
  // Each answer must be a successful query whose sample carries the expected value.
  auto expect_value = [](const std::string& body, const std::string& name,
                         const std::string& value) {
    EXPECT_EQ(body.rfind("timed out", 0), std::string::npos) << body;
    EXPECT_NE(body.find("\"status\":\"success\""), std::string::npos) << body;
    EXPECT_NE(body.find(fmt::format("\"__name__\":\"{}\"", name)), std::string::npos) << body;
    EXPECT_NE(body.find(fmt::format(",\"{}\"]", value)), std::string::npos) << body;
  };
  expect_value(query_until("up%7Bjob%3D%22salesflow-dashboard%22%7D", "1"), "up", "1");
  expect_value(query_until("salesflow_dashboard_loader_publishes_total", "1"),
               "salesflow_dashboard_loader_publishes_total", "1");
  expect_value(query_until("salesflow_dashboard_loader_bronze_version", "1"),
               "salesflow_dashboard_loader_bronze_version", "1");

  // A new commit: the counter Prometheus reads moves with it.
  sales.push_back(ReferenceLiveSale(1));
  sales.back().client_id = "1004";
  ASSERT_TRUE(CommitFixtureTables(tables, AggregateFixtureSales(sales, *zone, 1), 2).ok());
  polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok() && *polled);
  expect_value(query_until("salesflow_dashboard_loader_publishes_total", "2"),
               "salesflow_dashboard_loader_publishes_total", "2");
  expect_value(query_until("salesflow_dashboard_loader_bronze_version", "2"),
               "salesflow_dashboard_loader_bronze_version", "2");
  EXPECT_TRUE(process.running()) << "prometheus exited; see " << (dir / "prometheus.log");
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salesflow
