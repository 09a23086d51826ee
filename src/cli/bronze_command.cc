#include "cli/bronze_command.h"

#include "cli/stage_service_settings.h"

#include <fmt/format.h>
#include <unistd.h>

#include "base/shutdown.h"
#include "config/common_settings.h"

namespace salesflow {
namespace {

constexpr const char* kGroup = "bronze.group";
constexpr const char* kAppId = "bronze.app_id";
constexpr const char* kMaxRows = "bronze.max_rows";
constexpr const char* kMaxBytes = "bronze.max_bytes";
constexpr const char* kMaxLatency = "bronze.max_latency";
constexpr const char* kUntilCaughtUp = "bronze.until_caught_up";
constexpr const char* kSeekOffsets = "bronze.seek_offsets";
constexpr const char* kNewCluster = "bronze.new_cluster";
constexpr const char* kOptimizeEvery = "bronze.optimize_every";
// Vacuum and log cleanup of bronze's tables (docs/DESIGN.md "Bronze": maintenance).
constexpr const char* kMaintenance = "bronze.maintenance";
constexpr const char* kDeletedFileRetention = "bronze.deleted_file_retention";
constexpr const char* kLogRetention = "bronze.log_retention";

}  // namespace

void AddBronzeSettings(Command& cmd, bool declare) {
  if (declare) {
    cmd.Declare({.key = kGroup,
                 .default_value = "salesflow-bronze",
                 .help = "Kafka consumer group of the bronze processes"});
    cmd.Declare({.key = kAppId,
                 .help = "txn appId prefix (<app-id>-<topic>-<partition>); default: the "
                         "table's, salesflow-bronze for a new table"});
    cmd.Declare({.key = kMaxRows,
                 .kind = SettingKind::kInt,
                 .default_value = "500000",
                 .help = "commit once this many messages are buffered"});
    cmd.Declare({.key = kMaxBytes,
                 .kind = SettingKind::kInt,
                 .default_value = "67108864",
                 .help = "commit once this many payload bytes are buffered"});
    cmd.Declare({.key = kMaxLatency,
                 .kind = SettingKind::kDuration,
                 .default_value = "1s",
                 .help = "commit once the oldest buffered message is this old"});
    cmd.Declare({.key = kUntilCaughtUp,
                 .kind = SettingKind::kBool,
                 .default_value = "false",
                 .help = "stop once the assigned partitions reach their end offset at start"});
    cmd.Declare({.key = kSeekOffsets,
                 .help = "start positions for partitions without a stored one, as "
                         "kafka-delta-ingest: 0:100,1:42 (the last offset treated as done)"});
    cmd.Declare({.key = kNewCluster,
                 .kind = SettingKind::kBool,
                 .default_value = "false",
                 .help = "the Kafka cluster is a new one (e.g. a fresh embedded broker): "
                         "switch to a new app-id so stored offsets no longer apply"});
    cmd.Declare({.key = kOptimizeEvery,
                 .kind = SettingKind::kInt,
                 .default_value = "0",
                 .help = "compact the bronze table's small files in the background every N "
                         "commits (0 = never; `salesflow table optimize` does it by hand)"});
    cmd.Declare({.key = kMaintenance,
                 .kind = SettingKind::kBool,
                 .default_value = "true",
                 .help = "vacuum and clean the log of the bronze and quarantine tables after "
                         "each checkpoint"});
    cmd.Declare({.key = kDeletedFileRetention,
                 .kind = SettingKind::kDuration,
                 .help = "vacuum files removed longer ago, for a table without "
                         "delta.deletedFileRetentionDuration (unset: Delta's 7 days)"});
    cmd.Declare({.key = kLogRetention,
                 .kind = SettingKind::kDuration,
                 .help = "delete older commits behind a checkpoint, for a table without "
                         "delta.logRetentionDuration (unset: Delta's 30 days)"});
  }
  AddStageServiceSettings(cmd, "bronze", declare);
  cmd.Flag("--group", kGroup);
  cmd.Flag("--app-id", kAppId);
  cmd.Flag("--max-rows", kMaxRows);
  cmd.Flag("--max-bytes", kMaxBytes);
  cmd.Flag("--max-latency", kMaxLatency);
  cmd.Flag("--until-caught-up", kUntilCaughtUp);
  cmd.Flag("--seek-offsets", kSeekOffsets);
  cmd.Flag("--new-cluster", kNewCluster);
  cmd.Flag("--optimize-every", kOptimizeEvery);
  if (declare) {
    // Bronze's own command only: `demo` and `run` read these keys from the file and the
    // environment, a flag there would be ambiguous beside silver's settings of the same name.
    cmd.Flag("--maintenance,!--no-maintenance", kMaintenance);
    cmd.Flag("--deleted-file-retention", kDeletedFileRetention);
    cmd.Flag("--log-retention", kLogRetention);
  } else {
    for (const char* key : {kMaintenance, kDeletedFileRetention, kLogRetention}) cmd.Use(key);
  }
  cmd.Use(settings::kTimeZone);
  cmd.Use(settings::kDataDir);
}

Result<pipeline::BronzeJobOptions> BronzeJobOptionsFromConfig(const Config& config) {
  pipeline::BronzeJobOptions o;
  SF_ASSIGN_OR_RETURN(o.brokers, config.GetString(settings::kKafkaBrokers));
  SF_ASSIGN_OR_RETURN(o.topic, config.GetString(settings::kKafkaTopic));
  SF_ASSIGN_OR_RETURN(o.group, config.GetString(kGroup));
  for (const KafkaProperty& p : config.kafka_properties()) {
    o.kafka_properties.push_back({p.key, p.value, p.source.ToString()});
  }
  SF_ASSIGN_OR_RETURN(auto table, config.TablePath(settings::kBronzeTable));
  SF_ASSIGN_OR_RETURN(auto rejects, config.TablePath(settings::kBronzeRejectsTable));
  o.table_dir = table.string();
  o.quarantine_dir = rejects.string();
  if (config.IsSet(kAppId)) {
    SF_ASSIGN_OR_RETURN(std::string app_id, config.GetString(kAppId));
    o.app_id = app_id;
  }
  SF_ASSIGN_OR_RETURN(o.new_cluster, config.GetBool(kNewCluster));
  if (config.IsSet(kSeekOffsets)) {
    SF_ASSIGN_OR_RETURN(std::string seek, config.GetString(kSeekOffsets));
    o.seek_offsets = seek;
  }
  SF_ASSIGN_OR_RETURN(o.flush.max_rows, config.GetInt(kMaxRows));
  SF_ASSIGN_OR_RETURN(o.flush.max_bytes, config.GetInt(kMaxBytes));
  SF_ASSIGN_OR_RETURN(o.flush.max_latency, config.GetDuration(kMaxLatency));
  if (o.flush.max_rows < 1 || o.flush.max_bytes < 1) {
    return InvalidArgument("bronze.max_rows and bronze.max_bytes must be >= 1");
  }
  SF_ASSIGN_OR_RETURN(o.time_zone, config.GetTimeZone(settings::kTimeZone));
  SF_ASSIGN_OR_RETURN(o.until_caught_up, config.GetBool(kUntilCaughtUp));
  SF_ASSIGN_OR_RETURN(StageServiceOptions service, StageServiceOptionsFromConfig(config, "bronze"));
  o.metrics_port = service.metrics_port;
  o.metrics_host = service.metrics_host;
  o.sync = service.sync;
  SF_ASSIGN_OR_RETURN(o.optimize_every, config.GetInt(kOptimizeEvery));
  if (o.optimize_every < 0) return InvalidArgument("bronze.optimize_every must be >= 0");
  SF_ASSIGN_OR_RETURN(o.retention.enabled, config.GetBool(kMaintenance));
  if (config.IsSet(kDeletedFileRetention)) {
    SF_ASSIGN_OR_RETURN(auto retention, config.GetDuration(kDeletedFileRetention));
    o.retention.deleted_file_retention_ms = retention.count() / 1000;
  }
  if (config.IsSet(kLogRetention)) {
    SF_ASSIGN_OR_RETURN(auto retention, config.GetDuration(kLogRetention));
    o.retention.log_retention_ms = retention.count() / 1000;
  }
  SF_RETURN_IF_ERROR(
      pipeline::ValidateRetention(o.retention)
          .WithContext(fmt::format("{} / {}", kDeletedFileRetention, kLogRetention)));
  o.status_line = isatty(STDERR_FILENO) != 0;
  return o;
}

void RegisterBronzeCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd =
      ctx.AddCommand(app, "bronze", "ingest Kafka sales into the bronze Delta table, exactly once");
  AddBronzeSettings(cmd, /*declare=*/true);
  cmd.Flag("--brokers", settings::kKafkaBrokers);
  cmd.Flag("--topic", settings::kKafkaTopic);
  cmd.Flag("--table", settings::kBronzeTable);
  cmd.Flag("--quarantine", settings::kBronzeRejectsTable);
  cmd.Run([&ctx](const Config& config) -> Status {
    SF_ASSIGN_OR_RETURN(pipeline::BronzeJobOptions options, BronzeJobOptionsFromConfig(config));
    SF_RETURN_IF_ERROR(InstallShutdownHandlers());
    pipeline::BronzeJobSummary summary;
    Status status = pipeline::RunBronzeJob(options, &summary);
    const pipeline::IngestTotals& t = summary.totals;
    ctx.out() << fmt::format(
        "bronze: consumed {}, written {}, quarantined {}, skipped {} (already in a table), "
        "{} commits, last version {}, {} consumer restarts; app-id {}\n",
        t.consumed, t.written, t.quarantined, t.skipped, t.flushes, t.last_version.value(),
        t.restarts, summary.app_id);
    ctx.out().flush();
    return status;
  });
}

}  // namespace salesflow
