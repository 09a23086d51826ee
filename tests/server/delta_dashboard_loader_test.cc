// The Delta loader on gold/silver tables written here with the Delta API, following the
// dashboard contract (server/dashboard_tables.h) the way silver commits: every commit carries
// txn salesflow-silver = the bronze version it holds.
#include "server/delta_dashboard_loader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <thread>

#include "server/dashboard_server.h"
#include "server/fixture_dataset.h"
#include "server/fixture_tables.h"
#include "sse_recorder.h"

namespace salesflow {
namespace {

// The reference sales with silver-style numeric client ids ("CLI001" -> "1001").
std::vector<FixtureSale> NumericSales(std::vector<FixtureSale> sales) {
  for (FixtureSale& s : sales) s.client_id = fmt::format("1{}", s.client_id.substr(3));
  return sales;
}

class DeltaDashboardLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("sf-loader-test-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto zone = TimeZone::Find("Europe/Paris");
    ASSERT_TRUE(zone.ok());
    zone_ = *zone;
    tables_.silver_table = dir_ / "delta_silver_aggreges";
    tables_.gold_dir = dir_ / "delta_gold";
    options_.silver_table = tables_.silver_table;
    options_.gold_dir = tables_.gold_dir;
    options_.time_zone = "Europe/Paris";
    sales_ = NumericSales(ReferenceFixtureSales());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  DashboardData Data(const std::vector<FixtureSale>& sales) {
    return AggregateFixtureSales(sales, zone_, 1);
  }
  void Commit(DashboardTable table, const std::vector<FixtureSale>& sales, int64_t bronze) {
    Status s = CommitFixtureTable(tables_, table, Data(sales), bronze);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void CommitAll(const std::vector<FixtureSale>& sales, int64_t bronze) {
    Status s = CommitFixtureTables(tables_, Data(sales), bronze);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static int64_t Revenue(const DashboardSnapshot& snapshot) {
    int64_t cents = 0;
    for (const MinuteBucket& b : snapshot.data->minutes) cents += b.chiffre_affaires;
    return cents;
  }

  std::filesystem::path dir_;
  TimeZone zone_;
  FixtureTablesOptions tables_;
  DeltaDashboardLoaderOptions options_;
  std::vector<FixtureSale> sales_;
  InMemoryDashboardSource source_;
};

// A server on the source, and GETs of its API.
class ApiClient {
 public:
  explicit ApiClient(const DashboardSource& source) {
    DashboardServerOptions options;
    options.port = 0;
    auto server = DashboardServer::Create(source, options);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    auto port = server_->Start();
    EXPECT_TRUE(port.ok());
    port_ = *port;
  }
  ~ApiClient() { server_->Stop(); }
  std::string Get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(5, 0);
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? res->body : "";
  }
  int port() const { return port_; }
  DashboardServer& server() { return *server_; }

 private:
  std::unique_ptr<DashboardServer> server_;
  int port_ = 0;
};

TEST_F(DeltaDashboardLoaderTest, MissingTablesMeanWaitingWithAClearMessage) {
  DeltaDashboardLoader loader(source_, options_);
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  EXPECT_FALSE(*polled);
  auto snapshot = source_.Snapshot();
  EXPECT_EQ(snapshot->state, SourceState::kWaiting);
  EXPECT_NE(snapshot->message.find("ventes_par_minute"), std::string::npos) << snapshot->message;
  EXPECT_NE(snapshot->message.find("delta_silver_aggreges"), std::string::npos);
  EXPECT_NE(snapshot->message.find("salesflow silver"), std::string::npos);
  // Polling again with nothing new does not start a new generation (no SSE storm).
  uint64_t generation = snapshot->generation;
  ASSERT_TRUE(loader.PollOnce().ok());
  EXPECT_EQ(source_.Snapshot()->generation, generation);

  // Only the gold minute table written: still waiting, naming the two others.
  Commit(DashboardTable::kVentesParMinute, sales_, 3);
  ASSERT_TRUE(loader.PollOnce().ok());
  snapshot = source_.Snapshot();
  EXPECT_EQ(snapshot->state, SourceState::kWaiting);
  EXPECT_EQ(snapshot->message.find("ventes_par_minute"), std::string::npos) << snapshot->message;
  EXPECT_NE(snapshot->message.find("ventes_client_jour"), std::string::npos) << snapshot->message;
  EXPECT_FALSE(loader.published());
}

TEST_F(DeltaDashboardLoaderTest, EveryEndpointMatchesTheSameDataServedFromMemory) {
  CommitAll(sales_, 5);
  DeltaDashboardLoader loader(source_, options_);
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  ASSERT_TRUE(*polled);
  auto versions = loader.published();
  ASSERT_TRUE(versions);
  EXPECT_EQ(versions->bronze.value(), 5);
  EXPECT_EQ(versions->gold.value(), 1);  // version 0 creates the table, 1 holds the rows
  EXPECT_EQ(versions->silver.value(), 1);
  auto snapshot = source_.Snapshot();
  EXPECT_EQ(snapshot->state, SourceState::kReady);
  EXPECT_FALSE(snapshot->demo);
  EXPECT_EQ(Revenue(*snapshot), 357443);

  // The same figures as the in-memory model of the same sales, endpoint by endpoint.
  InMemoryDashboardSource memory;
  DashboardData same = Data(sales_);
  same.versions = {TableVersion(5), TableVersion(1), TableVersion(1)};
  memory.Publish(std::move(same));
  ApiClient from_tables(source_);
  ApiClient from_memory(memory);
  for (const char* path :
       {"/api/v1/kpis", "/api/v1/kpis?period=24h", "/api/v1/timeseries?granularity=minute",
        "/api/v1/timeseries?granularity=day", "/api/v1/products", "/api/v1/categories?pays=France",
        "/api/v1/countries", "/api/v1/segments", "/api/v1/clients?limit=50",
        "/api/v1/clients?sort=nb_ventes&order=asc", "/api/v1/alerts"}) {
    EXPECT_EQ(from_tables.Get(path), from_memory.Get(path)) << path;
  }
  std::string kpis = from_tables.Get("/api/v1/kpis");
  EXPECT_NE(kpis.find(R"("chiffre_affaires":{"value":"3574.43")"), std::string::npos) << kpis;
  EXPECT_NE(
      kpis.find(R"("client_id":"1001","client_nom":"Alice Martin","chiffre_affaires":"2249.48")"),
      std::string::npos)
      << kpis;
  std::string health = from_tables.Get("/api/v1/health");
  EXPECT_NE(health.find(R"("versions":{"bronze":5,"silver":1,"gold":1})"), std::string::npos)
      << health;

  // Nothing new: no publish.
  polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok());
  EXPECT_FALSE(*polled);
}

TEST_F(DeltaDashboardLoaderTest, PublishesOnlyWhenAllTablesHoldTheSameBronzeVersion) {
  CommitAll(sales_, 1);
  DeltaDashboardLoader loader(source_, options_);
  ASSERT_TRUE(loader.PollOnce().ok());
  ASSERT_EQ(Revenue(*source_.Snapshot()), 357443);

  std::vector<FixtureSale> more = sales_;
  more.push_back(ReferenceLiveSale(1));
  more.back().client_id = "1004";
  // Gold moves to bronze 2 alone (silver commits less often): the panels stay on bronze 1.
  Commit(DashboardTable::kVentesParMinute, more, 2);
  Commit(DashboardTable::kVentesClientJour, more, 2);
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  EXPECT_FALSE(*polled);
  EXPECT_EQ(loader.published()->bronze.value(), 1);
  EXPECT_EQ(Revenue(*source_.Snapshot()), 357443);

  Commit(DashboardTable::kSilverAggreges, more, 2);
  polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  EXPECT_TRUE(*polled);
  EXPECT_EQ(loader.published()->bronze.value(), 2);
  auto snapshot = source_.Snapshot();
  EXPECT_EQ(Revenue(*snapshot), 367443);
  // Silver's profile of the client moved with gold: 3 purchases + the live one.
  bool found = false;
  for (const ClientProfile& p : snapshot->data->clients) {
    if (p.client_id != "1004") continue;
    found = true;
    EXPECT_TRUE(p.in_silver);
    EXPECT_EQ(p.nb_achats, 4);
    EXPECT_EQ(p.total_depense, 19996 + 10000);
  }
  EXPECT_TRUE(found);
}

TEST_F(DeltaDashboardLoaderTest, AStartingLoaderTimeTravelsGoldBackToSilversVersion) {
  CommitAll(sales_, 1);
  std::vector<FixtureSale> more = sales_;
  more.push_back(ReferenceLiveSale(1));
  more.back().client_id = "1004";
  Commit(DashboardTable::kVentesParMinute, more, 2);
  Commit(DashboardTable::kVentesClientJour, more, 2);
  Commit(DashboardTable::kVentesParMinute, more, 3);  // gold two commits ahead of silver

  DeltaDashboardLoader loader(source_, options_);
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  ASSERT_TRUE(*polled);
  auto versions = loader.published();
  EXPECT_EQ(versions->bronze.value(), 1);
  EXPECT_EQ(versions->gold.value(), 1);  // not 3, the latest
  EXPECT_EQ(Revenue(*source_.Snapshot()), 357443);
}

TEST_F(DeltaDashboardLoaderTest, SilverStartingOverOnANewBronzeIsFollowed) {
  CommitAll(sales_, 7);
  DeltaDashboardLoader loader(source_, options_);
  ASSERT_TRUE(loader.PollOnce().ok());
  ASSERT_EQ(loader.published()->bronze.value(), 7);
  // A new bronze table: silver rebuilds and its txn versions start again from 1.
  std::vector<FixtureSale> first_two(sales_.begin(), sales_.begin() + 2);
  Commit(DashboardTable::kVentesParMinute, first_two, 1);
  ASSERT_TRUE(loader.PollOnce().ok());
  EXPECT_EQ(loader.published()->bronze.value(), 7);  // not all three restarted yet
  EXPECT_EQ(Revenue(*source_.Snapshot()), 357443);
  Commit(DashboardTable::kVentesClientJour, first_two, 1);
  Commit(DashboardTable::kSilverAggreges, first_two, 1);
  auto polled = loader.PollOnce();
  ASSERT_TRUE(polled.ok()) << polled.status().ToString();
  EXPECT_TRUE(*polled);
  EXPECT_EQ(loader.published()->bronze.value(), 1);
  EXPECT_EQ(Revenue(*source_.Snapshot()), 24950 + 99999);
  // A loader starting now reads the same from the logs' history.
  InMemoryDashboardSource other;
  DeltaDashboardLoader fresh(other, options_);
  polled = fresh.PollOnce();
  ASSERT_TRUE(polled.ok() && *polled);
  EXPECT_EQ(fresh.published()->bronze.value(), 1);
  EXPECT_EQ(Revenue(*other.Snapshot()), 24950 + 99999);
}

TEST_F(DeltaDashboardLoaderTest, ANewCommitReachesLiveClientsWithinOneSecond) {
  CommitAll(sales_, 1);
  options_.poll_interval = std::chrono::milliseconds(250);
  DeltaDashboardLoader loader(source_, options_);
  loader.Start();
  ApiClient api(source_);
  for (int i = 0; i < 100 && !loader.published(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(loader.published());
  EXPECT_NE(api.Get("/api/v1/kpis").find("3574.43"), std::string::npos);

  testing::SseRecorder events(api.port());
  ASSERT_TRUE(events.WaitFor("\"bronze_version\":1}", std::chrono::seconds(3)))
      << events.received();

  std::vector<FixtureSale> more = sales_;
  more.push_back(ReferenceLiveSale(1));
  more.back().client_id = "1004";
  CommitAll(more, 2);
  auto committed = std::chrono::steady_clock::now();
  EXPECT_TRUE(events.WaitFor("\"state\":\"ready\",\"bronze_version\":2}", std::chrono::seconds(1)))
      << events.received();
  auto latency = std::chrono::steady_clock::now() - committed;
  EXPECT_LT(latency, std::chrono::seconds(1));
  std::cout << "commit -> SSE event: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(latency).count() << " ms\n";
  EXPECT_NE(api.Get("/api/v1/kpis").find("3674.43"), std::string::npos);
  events.RequestStop();
  api.server().Stop();
  events.Join();
  loader.Stop();
}

TEST_F(DeltaDashboardLoaderTest, AContractViolationFailsLoudlyAndKeepsTheLastData) {
  CommitAll(sales_, 1);
  DeltaDashboardLoader loader(source_, options_);
  ASSERT_TRUE(loader.PollOnce().ok());
  // A client id that is not silver's long cannot be written: the contract is checked on write.
  DashboardData bad = Data(ReferenceFixtureSales());
  EXPECT_FALSE(CommitFixtureTable(tables_, DashboardTable::kSilverAggreges, bad, 2).ok());
  // Break the minute table: its data file disappears (as after a bad manual vacuum).
  std::vector<FixtureSale> more = sales_;
  more.push_back(ReferenceLiveSale(1));
  more.back().client_id = "1004";
  CommitAll(more, 2);
  for (const auto& entry :
       std::filesystem::directory_iterator(tables_.gold_dir / "ventes_par_minute")) {
    if (entry.path().extension() == ".parquet") std::filesystem::remove(entry.path());
  }
  auto polled = loader.PollOnce();
  EXPECT_FALSE(polled.ok());
  auto snapshot = source_.Snapshot();
  EXPECT_EQ(snapshot->state, SourceState::kFailed);
  EXPECT_NE(snapshot->message.find("ventes_par_minute"), std::string::npos) << snapshot->message;
  EXPECT_EQ(Revenue(*snapshot), 357443);  // the last consistent data is still served
}

}  // namespace
}  // namespace salesflow
