#include "cli/demo_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "base/shutdown.h"
#include "cli/bronze_progress.h"
#include "cli/demo_feed.h"
#include "cli/pipeline_settings.h"
#include "cli/pipeline_stages.h"
#include "cli/two_stage_stop.h"
#include "config/common_settings.h"
#include "kafka/mock_cluster.h"

namespace salesflow {
namespace {

constexpr const char* kHistory = "demo.history";
constexpr const char* kHistoryEvents = "demo.history_events";
constexpr const char* kRate = "demo.rate";
constexpr const char* kClients = "demo.clients";
constexpr const char* kProducts = "demo.products";
constexpr const char* kMaxLag = "demo.max_lag";
constexpr const char* kDrainTimeout = "demo.drain_timeout";
constexpr const char* kSilverInterval = "silver.silver_interval";  // declared by silver
constexpr int kPartitions = 3;

// Everything the demo run needs besides the stages.
struct DemoOptions {
  DemoFeedOptions feed;                     // producer (brokers filled in at start)
  std::chrono::milliseconds drain_timeout;  // Ctrl-C: how long bronze may take to catch up
};

Result<DemoOptions> DemoOptionsFromConfig(const Config& config) {
  DemoOptions o;
  SF_ASSIGN_OR_RETURN(o.feed.topic, config.GetString(settings::kKafkaTopic));
  SF_ASSIGN_OR_RETURN(o.feed.history, config.GetDuration(kHistory));
  SF_ASSIGN_OR_RETURN(o.feed.history_events, config.GetInt(kHistoryEvents));
  SF_ASSIGN_OR_RETURN(o.feed.rate, config.GetDouble(kRate));
  SF_ASSIGN_OR_RETURN(o.feed.clients, config.GetInt(kClients));
  SF_ASSIGN_OR_RETURN(o.feed.products, config.GetInt(kProducts));
  SF_ASSIGN_OR_RETURN(o.feed.max_lag, config.GetInt(kMaxLag));
  SF_ASSIGN_OR_RETURN(o.feed.time_zone, config.GetTimeZone(settings::kTimeZone));
  SF_ASSIGN_OR_RETURN(auto drain, config.GetDuration(kDrainTimeout));
  o.drain_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(drain);
  if (o.feed.history.count() <= 0) return InvalidArgument("demo.history must be above 0");
  if (o.feed.history_events < 0) return InvalidArgument("demo.history_events must be >= 0");
  if (o.feed.rate < 0) return InvalidArgument("demo.rate must be >= 0");
  if (o.feed.clients < 1 || o.feed.products < 1) {
    return InvalidArgument("demo.clients and demo.products must be >= 1");
  }
  if (o.feed.max_lag < 100) return InvalidArgument("demo.max_lag must be >= 100");
  return o;
}

std::string StatusLine(const DemoFeed& feed, int64_t ingested, const PipelineStages& stages) {
  std::string produced =
      feed.live() ? fmt::format("produced {} (live {}/s)", feed.sent(), feed.options().rate)
                  : fmt::format("backfill {}/{}", feed.backfilled(), feed.options().history_events);
  std::optional<DataVersions> shown = stages.published();
  std::string dashboard =
      shown ? fmt::format("dashboard at bronze v{}", shown->bronze.value()) : "dashboard waiting";
  return fmt::format("demo: {} | bronze ingested {}, lag {} | {} | Ctrl-C stops", produced,
                     ingested, std::max<int64_t>(0, feed.sent() - ingested), dashboard);
}

Status RunDemo(const Config& config, CommandContext& ctx) {
  SF_ASSIGN_OR_RETURN(PipelineStagesOptions stages_options,
                      PipelineStagesOptionsFromConfig(config));
  SF_ASSIGN_OR_RETURN(DemoOptions demo, DemoOptionsFromConfig(config));
  SF_RETURN_IF_ERROR(InstallTwoStageStop());

  // What an earlier run left: the next vente_id, and whether the history is there already.
  BronzeProgress progress(stages_options.bronze.table_dir, demo.feed.topic);
  SF_RETURN_IF_ERROR(progress.Refresh());
  SF_ASSIGN_OR_RETURN(std::optional<int64_t> max_id, progress.MaxVenteId());
  // Bronze runs with --new-cluster (each run's embedded broker starts at offset 0): it moves to
  // the next Kafka epoch when offsets of the previous cluster are stored.
  const int64_t epoch = progress.HasStoredOffsets() ? progress.kafka_epoch() + 1 : 0;
  if (max_id) {
    demo.feed.first_vente_id = *max_id + 1;
    demo.feed.history_events = 0;  // resumed: the history is in the tables already
  }

  SF_ASSIGN_OR_RETURN(auto broker,
                      EmbeddedBroker::Start({.topic = demo.feed.topic, .partitions = kPartitions}));
  std::ostream& out = ctx.out();
  out << "embedded Kafka broker at " << broker->bootstrap() << " (in memory; tables under "
      << std::filesystem::path(stages_options.bronze.table_dir).parent_path().string() << ")\n";
  stages_options.bronze.brokers = broker->bootstrap();
  stages_options.bronze.new_cluster = true;
  // A demo wants its first charts soon: silver commits every 2 s unless told otherwise.
  const Setting* interval = config.Find(kSilverInterval);
  if (interval == nullptr || interval->source.kind == SettingSource::Kind::kDefault) {
    stages_options.silver.silver_interval = std::chrono::seconds(2);
  }
  demo.feed.brokers = broker->bootstrap();
  SF_ASSIGN_OR_RETURN(auto stages, PipelineStages::Start(stages_options));
  out << "salesflow demo: dashboard at " << stages->url() << "\n";
  if (max_id) {
    out << "salesflow demo: resuming after vente_id " << *max_id << " (no new backfill)\n";
  } else {
    out << "salesflow demo: backfilling " << demo.feed.history_events << " events over "
        << demo.feed.history.count() / 3'600'000'000LL << " h, then live at " << demo.feed.rate
        << " events/s\n";
  }
  out.flush();

  // Bronze's position under this run's Kafka epoch (0 until bronze switched to it).
  std::atomic<int64_t> ingested{0};
  DemoFeed feed(demo.feed, [&ingested] { return ingested.load(); });
  Status feed_status;
  std::thread producer([&] {
    feed_status = feed.Run();
    if (!feed_status.ok()) {
      spdlog::error("demo producer: {}", feed_status.ToString());
      RequestStop();
    }
  });

  const bool terminal = isatty(STDERR_FILENO) != 0;
  auto last_line = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> drain_deadline;
  while (!StopRequested()) {
    WaitForStop(std::chrono::milliseconds(200));
    Status read = progress.Refresh();
    if (!read.ok()) {
      spdlog::warn("demo: {}", read.ToString());
    } else if (progress.kafka_epoch() == epoch) {
      ingested.store(progress.Ingested(kPartitions));
    }
    if (DrainRequested() && !drain_deadline) {
      // First Ctrl-C: no new events; bronze ingests what the broker holds, then all stop.
      feed.Stop();
      drain_deadline = std::chrono::steady_clock::now() + demo.drain_timeout;
      out << "\nsalesflow demo: stopping: letting bronze ingest the last events (Ctrl-C again "
             "stops at once)\n";
      out.flush();
    }
    // Drained: bronze committed every delivered event and the dashboard shows bronze's
    // latest version (so silver and gold hold it too).
    std::optional<DataVersions> shown = stages->published();
    if (drain_deadline && feed.live() && ingested.load() >= feed.delivered() &&
        feed.delivered() == feed.sent() && shown && shown->bronze.value() >= progress.version()) {
      RequestStop();
    } else if (drain_deadline && std::chrono::steady_clock::now() > *drain_deadline) {
      spdlog::warn("demo: bronze did not catch up within the drain timeout: {} events lost",
                   feed.sent() - ingested.load());
      RequestStop();
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_line >= std::chrono::seconds(terminal ? 1 : 10)) {
      last_line = now;
      std::string line = StatusLine(feed, ingested.load(), *stages);
      if (terminal) {
        std::fprintf(stderr, "\r%-150s", line.c_str());
        std::fflush(stderr);
      } else {
        spdlog::info("{}", line);
      }
    }
  }
  feed.Stop();
  producer.join();
  Status stages_status = stages->Join();
  if (terminal) std::fprintf(stderr, "\n");
  out << fmt::format(
      "salesflow demo: stopped: produced {} events (vente_id {}..{}), bronze ingested {}\n",
      feed.sent(), demo.feed.first_vente_id, feed.next_vente_id() - 1, ingested.load());
  out.flush();
  SF_RETURN_IF_ERROR(stages_status);
  return feed_status;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(
      app, "demo",
      "the whole pipeline in one process on an embedded Kafka broker: producer (history, then "
      "live), bronze, silver and the dashboard");
  cmd.Declare({.key = kHistory,
               .kind = SettingKind::kDuration,
               .default_value = "7d",
               .help = "period the first run backfills so the charts have a past"});
  cmd.Declare({.key = kHistoryEvents,
               .kind = SettingKind::kInt,
               .default_value = "30000",
               .help = "events spread over the history (first run only; 0 = none)"});
  cmd.Declare({.key = kRate,
               .kind = SettingKind::kDouble,
               .default_value = "5",
               .help = "live events per second after the backfill"});
  cmd.Declare({.key = kClients,
               .kind = SettingKind::kInt,
               .default_value = "200",
               .help = "clients in the demo catalog"});
  cmd.Declare({.key = kProducts,
               .kind = SettingKind::kInt,
               .default_value = "40",
               .help = "products in the demo catalog"});
  cmd.Declare({.key = kMaxLag,
               .kind = SettingKind::kInt,
               .default_value = "20000",
               .help = "backfill pauses while bronze is this many events behind (the embedded "
                       "broker keeps ~5 MiB per partition)"});
  cmd.Declare({.key = kDrainTimeout,
               .kind = SettingKind::kDuration,
               .default_value = "30s",
               .help = "on Ctrl-C, how long bronze may take to ingest the last events"});
  cmd.Flag("--history", kHistory);
  cmd.Flag("--history-events", kHistoryEvents);
  cmd.Flag("--rate", kRate);
  cmd.Flag("--clients", kClients);
  cmd.Flag("--products", kProducts);
  cmd.Flag("--max-lag", kMaxLag);
  cmd.Flag("--drain-timeout", kDrainTimeout);
  AddPipelineSettings(cmd);
  cmd.Use(settings::kTimeZone);
  cmd.Run([&ctx](const Config& config) { return RunDemo(config, ctx); });
}

}  // namespace salesflow
