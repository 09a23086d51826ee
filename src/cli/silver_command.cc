#include "cli/silver_command.h"

#include "cli/stage_service_settings.h"

#include <fmt/format.h>

#include "base/shutdown.h"
#include "config/common_settings.h"

namespace salesflow {
namespace {

constexpr const char* kGoldDir = "silver.gold_dir";
constexpr const char* kPoll = "silver.poll";
constexpr const char* kSilverInterval = "silver.silver_interval";
constexpr const char* kGoldInterval = "silver.gold_interval";
constexpr const char* kBuckets = "silver.buckets";
constexpr const char* kUntilCaughtUp = "silver.until_caught_up";
constexpr const char* kRebuild = "silver.rebuild";
// Rule thresholds (docs/DESIGN.md "Silver and gold": fidelite and risque_churn).
constexpr const char* kArgentCents = "silver.fidelite.argent_cents";
constexpr const char* kArgentAchats = "silver.fidelite.argent_achats";
constexpr const char* kOrCents = "silver.fidelite.or_cents";
constexpr const char* kOrAchats = "silver.fidelite.or_achats";
constexpr const char* kPlatineCents = "silver.fidelite.platine_cents";
constexpr const char* kPlatineAchats = "silver.fidelite.platine_achats";
constexpr const char* kChurnMultiplier = "silver.churn.multiplier";
constexpr const char* kChurnMinDays = "silver.churn.min_silence_days";
constexpr const char* kChurnDefaultDays = "silver.churn.default_interval_days";
// Vacuum and log cleanup of silver's own tables (docs/DESIGN.md "Silver and gold": retention).
constexpr const char* kMaintenance = "silver.maintenance";
constexpr const char* kDeletedFileRetention = "silver.deleted_file_retention";
constexpr const char* kLogRetention = "silver.log_retention";

// Every silver.* key but the stage service ones (stage_service_settings.h).
constexpr const char* kSilverKeys[] = {
    kGoldDir,          kPoll,         kSilverInterval,       kGoldInterval,    kBuckets,
    kUntilCaughtUp,    kRebuild,      kArgentCents,          kArgentAchats,    kOrCents,
    kOrAchats,         kPlatineCents, kPlatineAchats,        kChurnMultiplier, kChurnMinDays,
    kChurnDefaultDays, kMaintenance,  kDeletedFileRetention, kLogRetention};

void DeclareInt(Command& cmd, const char* key, int64_t value, const char* help) {
  cmd.Declare({.key = key,
               .kind = SettingKind::kInt,
               .default_value = std::to_string(value),
               .help = help});
}

}  // namespace

void AddSilverSettings(Command& cmd, bool declare) {
  if (declare) {
    cmd.Declare({.key = kGoldDir,
                 .default_value = "delta_gold",
                 .help = "folder of the gold tables (under data_dir)"});
    cmd.Declare({.key = kPoll,
                 .kind = SettingKind::kDuration,
                 .default_value = "250ms",
                 .help = "wait between looks at an idle bronze table"});
    cmd.Declare({.key = kSilverInterval,
                 .kind = SettingKind::kDuration,
                 .default_value = "5s",
                 .help = "commit delta_silver_aggreges (and gold) this often"});
    cmd.Declare({.key = kGoldInterval,
                 .kind = SettingKind::kDuration,
                 .default_value = "1s",
                 .help = "commit the gold tables this often"});
    DeclareInt(cmd, kBuckets, 16, "silver partitions: client_bucket = client_id mod this");
    cmd.Declare({.key = kUntilCaughtUp,
                 .kind = SettingKind::kBool,
                 .default_value = "false",
                 .help = "stop once the bronze version seen at start is folded and committed"});
    cmd.Declare({.key = kRebuild,
                 .kind = SettingKind::kBool,
                 .default_value = "false",
                 .help = "recompute every table from bronze's active files first"});
    const pipeline::LoyaltyRule loyalty;
    DeclareInt(cmd, kArgentCents, loyalty.argent.min_total_cents, "fidelite argent: min spend");
    DeclareInt(cmd, kArgentAchats, loyalty.argent.min_achats, "fidelite argent: min purchases");
    DeclareInt(cmd, kOrCents, loyalty.or_.min_total_cents, "fidelite or: min spend (cents)");
    DeclareInt(cmd, kOrAchats, loyalty.or_.min_achats, "fidelite or: min purchases");
    DeclareInt(cmd, kPlatineCents, loyalty.platine.min_total_cents,
               "fidelite platine: min spend (cents)");
    DeclareInt(cmd, kPlatineAchats, loyalty.platine.min_achats, "fidelite platine: min purchases");
    const pipeline::ChurnRule churn;
    DeclareInt(cmd, kChurnMultiplier, churn.multiplier,
               "risque_churn: silence > this x the client's usual interval");
    DeclareInt(cmd, kChurnMinDays, churn.min_silence_days,
               "risque_churn: never with a shorter silence (days)");
    DeclareInt(cmd, kChurnDefaultDays, churn.default_interval_days,
               "risque_churn: interval of a one-purchase client (days)");
    cmd.Declare({.key = kMaintenance,
                 .kind = SettingKind::kBool,
                 .default_value = "true",
                 .help = "vacuum and clean the log of silver's tables after each checkpoint"});
    cmd.Declare(
        {.key = kDeletedFileRetention,
         .kind = SettingKind::kDuration,
         .default_value = "1h",
         .help =
             "vacuum files removed longer ago (delta.deletedFileRetentionDuration of new tables)"});
    cmd.Declare({.key = kLogRetention,
                 .kind = SettingKind::kDuration,
                 .default_value = "1d",
                 .help = "delete older commits behind a checkpoint (delta.logRetentionDuration of "
                         "new tables)"});
  }
  AddStageServiceSettings(cmd, "silver", declare);
  cmd.Flag("--gold", kGoldDir);
  cmd.Flag("--poll", kPoll);
  cmd.Flag("--silver-interval", kSilverInterval);
  cmd.Flag("--gold-interval", kGoldInterval);
  cmd.Flag("--buckets", kBuckets);
  cmd.Flag("--until-caught-up", kUntilCaughtUp);
  cmd.Flag("--rebuild", kRebuild);
  cmd.Flag("--maintenance,!--no-maintenance", kMaintenance);
  cmd.Flag("--deleted-file-retention", kDeletedFileRetention);
  cmd.Flag("--log-retention", kLogRetention);
  for (const char* key : {kArgentCents, kArgentAchats, kOrCents, kOrAchats, kPlatineCents,
                          kPlatineAchats, kChurnMultiplier, kChurnMinDays, kChurnDefaultDays}) {
    cmd.Use(key);
  }
  cmd.Use(settings::kTimeZone);
  cmd.Use(settings::kDataDir);
}

void UseSilverSettings(Command& cmd) {
  for (const char* key : kSilverKeys) cmd.Use(key);
  UseStageServiceSettings(cmd, "silver");
}

Result<pipeline::SilverJobOptions> SilverJobOptionsFromConfig(const Config& config) {
  pipeline::SilverJobOptions o;
  SF_ASSIGN_OR_RETURN(auto bronze, config.TablePath(settings::kBronzeTable));
  SF_ASSIGN_OR_RETURN(auto silver, config.TablePath(settings::kSilverTable));
  SF_ASSIGN_OR_RETURN(auto gold, config.TablePath(kGoldDir));
  o.bronze_dir = bronze.string();
  o.silver_dir = silver.string();
  o.gold_dir = gold.string();
  SF_ASSIGN_OR_RETURN(o.poll, config.GetDuration(kPoll));
  SF_ASSIGN_OR_RETURN(o.silver_interval, config.GetDuration(kSilverInterval));
  SF_ASSIGN_OR_RETURN(o.gold_interval, config.GetDuration(kGoldInterval));
  SF_ASSIGN_OR_RETURN(int64_t buckets, config.GetInt(kBuckets));
  if (buckets < 1 || buckets > 4096) return InvalidArgument("silver.buckets must be 1..4096");
  o.bucket_count = static_cast<int32_t>(buckets);
  SF_ASSIGN_OR_RETURN(o.loyalty.argent.min_total_cents, config.GetInt(kArgentCents));
  SF_ASSIGN_OR_RETURN(o.loyalty.argent.min_achats, config.GetInt(kArgentAchats));
  SF_ASSIGN_OR_RETURN(o.loyalty.or_.min_total_cents, config.GetInt(kOrCents));
  SF_ASSIGN_OR_RETURN(o.loyalty.or_.min_achats, config.GetInt(kOrAchats));
  SF_ASSIGN_OR_RETURN(o.loyalty.platine.min_total_cents, config.GetInt(kPlatineCents));
  SF_ASSIGN_OR_RETURN(o.loyalty.platine.min_achats, config.GetInt(kPlatineAchats));
  SF_ASSIGN_OR_RETURN(o.churn.multiplier, config.GetInt(kChurnMultiplier));
  SF_ASSIGN_OR_RETURN(o.churn.min_silence_days, config.GetInt(kChurnMinDays));
  SF_ASSIGN_OR_RETURN(o.churn.default_interval_days, config.GetInt(kChurnDefaultDays));
  SF_ASSIGN_OR_RETURN(o.time_zone, config.GetTimeZone(settings::kTimeZone));
  SF_ASSIGN_OR_RETURN(o.until_caught_up, config.GetBool(kUntilCaughtUp));
  SF_ASSIGN_OR_RETURN(o.rebuild, config.GetBool(kRebuild));
  SF_ASSIGN_OR_RETURN(o.retention.enabled, config.GetBool(kMaintenance));
  SF_ASSIGN_OR_RETURN(auto deleted_retention, config.GetDuration(kDeletedFileRetention));
  SF_ASSIGN_OR_RETURN(auto log_retention, config.GetDuration(kLogRetention));
  o.retention.deleted_file_retention_ms = deleted_retention.count() / 1000;
  o.retention.log_retention_ms = log_retention.count() / 1000;
  SF_RETURN_IF_ERROR(
      pipeline::ValidateRetention(o.retention)
          .WithContext(fmt::format("{} / {}", kDeletedFileRetention, kLogRetention)));
  SF_ASSIGN_OR_RETURN(StageServiceOptions service, StageServiceOptionsFromConfig(config, "silver"));
  o.metrics_port = service.metrics_port;
  o.metrics_host = service.metrics_host;
  o.sync = service.sync;
  return o;
}

void RegisterSilverCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(
      app, "silver", "aggregate bronze into the silver and gold Delta tables, incrementally");
  AddSilverSettings(cmd, /*declare=*/true);
  cmd.Flag("--bronze", settings::kBronzeTable);
  cmd.Flag("--table", settings::kSilverTable);
  cmd.Run([&ctx](const Config& config) -> Status {
    SF_ASSIGN_OR_RETURN(pipeline::SilverJobOptions options, SilverJobOptionsFromConfig(config));
    SF_RETURN_IF_ERROR(InstallShutdownHandlers());
    pipeline::SilverJobSummary summary;
    Status status = pipeline::RunSilverJob(options, &summary);
    ctx.out() << fmt::format(
        "silver: bronze version {}, {} rows folded ({} bronze bytes read), {} silver commits, "
        "{} gold rounds, {} rebuilds\n",
        summary.bronze_version, summary.rows_folded, summary.bronze_bytes_read,
        summary.silver_commits, summary.gold_commits, summary.rebuilds);
    ctx.out().flush();
    return status;
  });
}

}  // namespace salesflow
