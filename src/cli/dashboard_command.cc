#include "cli/dashboard_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>

#include <prometheus/registry.h>
#include "base/clock.h"
#include "base/shutdown.h"

#include "server/alert_webhook.h"
#include "server/dashboard_server.h"
#include "server/delta_dashboard_loader.h"
#include "server/fixture_dataset.h"
#include "server/fixture_tables.h"

namespace salesflow {
namespace {

constexpr const char* kBind = "dashboard.bind";
constexpr const char* kPort = "dashboard.port";
constexpr const char* kInsecure = "dashboard.insecure";
constexpr const char* kTlsCert = "dashboard.tls_cert";
constexpr const char* kTlsKey = "dashboard.tls_key";
constexpr const char* kGold = "dashboard.gold";
constexpr const char* kUsersFile = "dashboard.users_file";
constexpr const char* kTokensFile = "dashboard.tokens_file";
constexpr const char* kMaxLive = "dashboard.max_live_clients";
constexpr const char* kAlertAbove = "dashboard.alerts.minute_revenue_above";
constexpr const char* kAlertBelow = "dashboard.alerts.minute_revenue_below";
constexpr const char* kAlertSigma = "dashboard.alerts.anomaly_sigma";
constexpr const char* kAlertSale = "dashboard.alerts.sale_amount_above";
constexpr const char* kAlertWebhook = "dashboard.alerts.webhook_url";

// Set by SIGUSR1 when --fixture-live is on: the e2e test's way to "ingest" a sale.
std::atomic<int> g_live_requests{0};

extern "C" void OnLiveSignal(int) {
  g_live_requests.fetch_add(1);
}

// Options that are not settings.
struct DashboardFlags {
  std::string fixture;          // "", "reference" or "demo"
  bool fixture_live = false;    // SIGUSR1 appends a reference live sale (tests)
  bool fixture_tables = false;  // write the fixture as Delta tables and serve them via the loader
};

Result<AlertRules> ReadAlertRules(const Config& config) {
  AlertRules rules;
  if (config.IsSet(kAlertSale)) {
    SF_ASSIGN_OR_RETURN(std::string text, config.GetString(kAlertSale));
    SF_ASSIGN_OR_RETURN(rules.sale_amount_above, ParseAmountCents(text));
  }
  if (config.IsSet(kAlertAbove)) {
    SF_ASSIGN_OR_RETURN(std::string text, config.GetString(kAlertAbove));
    SF_ASSIGN_OR_RETURN(rules.minute_revenue_above, ParseAmountCents(text));
  }
  if (config.IsSet(kAlertBelow)) {
    SF_ASSIGN_OR_RETURN(std::string text, config.GetString(kAlertBelow));
    SF_ASSIGN_OR_RETURN(rules.minute_revenue_below, ParseAmountCents(text));
  }
  if (config.IsSet(kAlertSigma)) {
    SF_ASSIGN_OR_RETURN(rules.anomaly_sigma, config.GetDouble(kAlertSigma));
  }
  return rules;
}

Status RunDashboard(const Config& config, const DashboardFlags& flags, CommandContext& ctx) {
  DashboardServerOptions options;
  SF_ASSIGN_OR_RETURN(options.bind_address, config.GetString(kBind));
  SF_ASSIGN_OR_RETURN(int64_t port, config.GetInt(kPort));
  if (port < 0 || port > 65535) return InvalidArgument("--port must be 0..65535");
  options.port = static_cast<int>(port);
  SF_ASSIGN_OR_RETURN(options.insecure, config.GetBool(kInsecure));
  if (config.IsSet(kTlsCert)) {
    SF_ASSIGN_OR_RETURN(options.tls_cert_file, config.GetString(kTlsCert));
  }
  if (config.IsSet(kTlsKey)) {
    SF_ASSIGN_OR_RETURN(options.tls_key_file, config.GetString(kTlsKey));
  }
  SF_ASSIGN_OR_RETURN(options.users_file, config.TablePath(kUsersFile));
  SF_ASSIGN_OR_RETURN(options.tokens_file, config.TablePath(kTokensFile));
  SF_ASSIGN_OR_RETURN(int64_t max_live, config.GetInt(kMaxLive));
  if (max_live < 1 || max_live > 1000) {
    return InvalidArgument("dashboard.max_live_clients must be 1..1000");
  }
  options.max_live_clients = static_cast<size_t>(max_live);
  SF_ASSIGN_OR_RETURN(options.alert_rules, ReadAlertRules(config));
  SF_ASSIGN_OR_RETURN(TimeZone zone, config.GetTimeZone(settings::kTimeZone));
  SF_ASSIGN_OR_RETURN(auto silver, config.TablePath(settings::kSilverTable));
  SF_ASSIGN_OR_RETURN(auto gold, config.TablePath(kGold));

  // One registry for the server, the loader and the webhook: one scrape sees them all.
  auto registry = std::make_shared<prometheus::Registry>();
  options.registry = registry;
  InMemoryDashboardSource source;
  std::unique_ptr<DeltaDashboardLoader> loader;
  std::vector<FixtureSale> sales;
  TimeZone fixture_zone = zone;
  const uint64_t kDemoSeed = 20241216;
  // --fixture-tables: the fixture goes through the real path (contract writer, Delta log,
  // loader); silver's client ids are numbers, so CLI001 becomes 1001.
  const FixtureTablesOptions fixture_tables{silver, gold};
  int64_t fixture_bronze = 1;
  if (flags.fixture_tables && flags.fixture != "reference") {
    return InvalidArgument("--fixture-tables needs --fixture reference");
  }
  if (flags.fixture_tables) {
    // Its txn versions start again at 1: over older tables the loader would keep the newer.
    for (const auto& dir : {silver, gold}) {
      if (std::filesystem::exists(dir)) {
        return InvalidArgument("--fixture-tables writes new tables, but " + dir.string() +
                               " exists already");
      }
    }
  }
  if (flags.fixture == "reference") {
    SF_ASSIGN_OR_RETURN(fixture_zone, TimeZone::Find("Europe/Paris"));
    sales = ReferenceFixtureSales();
    if (flags.fixture_tables) {
      for (FixtureSale& s : sales) s.client_id = fmt::format("1{}", s.client_id.substr(3));
      SF_RETURN_IF_ERROR(CommitFixtureTables(
          fixture_tables, AggregateFixtureSales(sales, fixture_zone, 1), fixture_bronze));
      loader = std::make_unique<DeltaDashboardLoader>(
          source, DeltaDashboardLoaderOptions{.silver_table = silver,
                                              .gold_dir = gold,
                                              .time_zone = fixture_zone.name(),
                                              .registry = registry});
    } else {
      source.Publish(AggregateFixtureSales(sales, fixture_zone, 1), /*demo=*/true);
    }
  } else if (flags.fixture == "demo") {
    int64_t now_local = zone.UtcToLocalMicros(SystemClock::Instance().NowMicros()) / 60000000;
    sales = DemoFixtureSales(kDemoSeed, 14, LocalMinute(now_local));  // 7 days + the 7 before
    source.Publish(AggregateFixtureSales(sales, fixture_zone, 1), /*demo=*/true);
  } else {
    loader = std::make_unique<DeltaDashboardLoader>(
        source, DeltaDashboardLoaderOptions{.silver_table = silver,
                                            .gold_dir = gold,
                                            .time_zone = zone.name(),
                                            .registry = registry});
  }
  std::unique_ptr<AlertWebhook> webhook;
  if (config.IsSet(kAlertWebhook)) {
    SF_ASSIGN_OR_RETURN(std::string url, config.GetString(kAlertWebhook));
    SF_ASSIGN_OR_RETURN(
        webhook, AlertWebhook::Create(
                     source, AlertWebhookOptions{
                                 .url = url, .rules = options.alert_rules, .registry = registry}));
  }

  SF_RETURN_IF_ERROR(InstallShutdownHandlers());
  if (flags.fixture_live) std::signal(SIGUSR1, OnLiveSignal);
  SF_ASSIGN_OR_RETURN(auto server, DashboardServer::Create(source, options));
  SF_ASSIGN_OR_RETURN(int bound, server->Start());
  (void)bound;
  ctx.out() << "salesflow dashboard: " << server->url() << "\n";
  if (!server->auth_required()) {
    ctx.out() << "salesflow dashboard: no user configured (" << options.users_file.string()
              << "): open access, listening on " << options.bind_address
              << " only. Add one with `salesflow user add NAME`.\n";
  }
  if (!flags.fixture.empty() && !flags.fixture_tables) {
    ctx.out() << "salesflow dashboard: serving the generated '" << flags.fixture
              << "' dataset (labelled as demo data in the UI), not the Delta tables\n";
  } else {
    ctx.out() << "salesflow dashboard: following " << silver.string() << " and "
              << (gold / kVentesParMinuteDir).string() << ", "
              << (gold / kVentesClientJourDir).string() << "\n";
    loader->Start();
  }
  if (webhook) webhook->Start();
  ctx.out().flush();

  int64_t live_done = 0;
  int64_t ticks = 0;
  int64_t version = 1;
  while (!StopRequested()) {
    WaitForStop(std::chrono::milliseconds(100));
    ++ticks;
    int requested = g_live_requests.load();
    if (flags.fixture == "reference" && requested > live_done) {
      while (live_done < requested) {
        sales.push_back(ReferenceLiveSale(++live_done));
        if (flags.fixture_tables) sales.back().client_id = "1004";
      }
      if (flags.fixture_tables) {
        // A new bronze version in all three tables: the loader publishes it.
        SF_RETURN_IF_ERROR(CommitFixtureTables(
            fixture_tables, AggregateFixtureSales(sales, fixture_zone, 1), ++fixture_bronze));
      } else {
        source.Publish(AggregateFixtureSales(sales, fixture_zone, ++version), true);
      }
      spdlog::info("dashboard: fixture live sale #{} published", live_done);
    }
    if (flags.fixture == "demo" && ticks % 30 == 0) {  // a new live minute every 3 s
      int64_t now_local = zone.UtcToLocalMicros(SystemClock::Instance().NowMicros()) / 60000000;
      for (FixtureSale& s :
           DemoLiveSales(kDemoSeed + static_cast<uint64_t>(ticks), LocalMinute(now_local))) {
        sales.push_back(std::move(s));
      }
      source.Publish(AggregateFixtureSales(sales, fixture_zone, ++version), true);
    }
  }
  if (webhook) webhook->Stop();
  if (loader) loader->Stop();
  server->Stop();
  ctx.out() << "salesflow dashboard: stopped\n";
  return Status::Ok();
}

}  // namespace

void RegisterDashboardCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(app, "dashboard",
                                "serve the web dashboard, REST API, live updates and /metrics");
  cmd.Declare({.key = kBind,
               .default_value = "127.0.0.1",
               .help = "address to listen on; non-loopback needs a user or --insecure"});
  cmd.Declare({.key = kPort,
               .kind = SettingKind::kInt,
               .default_value = "8501",
               .help = "TCP port (0 = any free port)"});
  cmd.Declare({.key = kInsecure,
               .kind = SettingKind::kBool,
               .default_value = "false",
               .help = "allow a non-loopback bind without any user or token"});
  cmd.Declare({.key = kTlsCert, .help = "PEM certificate file: serve HTTPS (with --tls-key)"});
  cmd.Declare({.key = kTlsKey, .help = "PEM private key file for --tls-cert"});
  cmd.Declare({.key = kGold,
               .default_value = "delta_gold",
               .help = "folder of the gold tables (under data_dir unless absolute)"});
  cmd.Declare({.key = kUsersFile,
               .default_value = "dashboard_users",
               .help = "argon2id users file (under data_dir unless absolute)"});
  cmd.Declare({.key = kTokensFile,
               .default_value = "dashboard_tokens",
               .help = "API token hashes file (under data_dir unless absolute)"});
  cmd.Declare({.key = kMaxLive,
               .kind = SettingKind::kInt,
               .default_value = "32",
               .help = "live-update (SSE) streams served at once; each holds a thread"});
  cmd.Declare({.key = kAlertSale,
               .help = "alert when a sale exceeds this amount (judged from gold's per-bucket "
                       "average: never a false alert, may miss one; docs/DESIGN.md)"});
  cmd.Declare(
      {.key = kAlertWebhook, .help = "POST fired alerts as JSON to this http(s) URL, each once"});
  cmd.Declare({.key = kAlertAbove, .help = "alert when a minute's revenue exceeds this amount"});
  cmd.Declare({.key = kAlertBelow,
               .help = "alert when one of the last 60 minutes' revenue is below this amount"});
  cmd.Declare({.key = kAlertSigma,
               .kind = SettingKind::kDouble,
               .help = "alert when a minute is more than k standard deviations from the "
                       "trailing hour's mean"});
  cmd.Flag("--bind", kBind);
  cmd.Flag("--port", kPort);
  cmd.Flag("--insecure", kInsecure);
  cmd.Flag("--tls-cert", kTlsCert);
  cmd.Flag("--tls-key", kTlsKey);
  cmd.Flag("--gold", kGold);
  cmd.Flag("--silver", settings::kSilverTable);
  cmd.Use(settings::kTimeZone);
  auto flags = std::make_shared<DashboardFlags>();
  cmd.app()
      .add_option("--fixture", flags->fixture,
                  "serve a generated dataset instead of the tables: demo (14 days of sales) "
                  "or reference (the test fixture with known totals)")
      ->check(CLI::IsMember({"demo", "reference"}));
  cmd.app().add_flag("--fixture-live", flags->fixture_live,
                     "tests: each SIGUSR1 appends one sale to the reference fixture");
  cmd.app().add_flag("--fixture-tables", flags->fixture_tables,
                     "tests: write the reference fixture as Delta tables at --silver/--gold and "
                     "serve them through the Delta loader (SIGUSR1 commits a new version)");
  cmd.Run([flags, &ctx](const Config& config) { return RunDashboard(config, *flags, ctx); });
}

}  // namespace salesflow
