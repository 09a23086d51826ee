#include "cli/pipeline_settings.h"

#include "cli/bronze_command.h"
#include "cli/silver_command.h"
#include "config/common_settings.h"

namespace salesflow {
namespace {

// Declared by `salesflow dashboard`.
constexpr const char* kDashboardBind = "dashboard.bind";
constexpr const char* kDashboardPort = "dashboard.port";
constexpr const char* kDashboardInsecure = "dashboard.insecure";
constexpr const char* kDashboardUsers = "dashboard.users_file";
constexpr const char* kDashboardTokens = "dashboard.tokens_file";

}  // namespace

void AddPipelineSettings(Command& cmd) {
  AddBronzeSettings(cmd, /*declare=*/false);
  for (const char* key : {settings::kKafkaBrokers, settings::kKafkaTopic, settings::kBronzeTable,
                          settings::kBronzeRejectsTable, settings::kSilverTable}) {
    cmd.Use(key);
  }
  UseSilverSettings(cmd);
  cmd.Flag("--port", kDashboardPort);
  cmd.Flag("--bind", kDashboardBind);
  for (const char* key : {kDashboardInsecure, kDashboardUsers, kDashboardTokens}) cmd.Use(key);
}

Result<PipelineStagesOptions> PipelineStagesOptionsFromConfig(const Config& config) {
  PipelineStagesOptions o;
  SF_ASSIGN_OR_RETURN(o.bronze, BronzeJobOptionsFromConfig(config));
  o.bronze.status_line = false;  // the command prints one status line for every stage
  SF_ASSIGN_OR_RETURN(o.silver, SilverJobOptionsFromConfig(config));
  SF_ASSIGN_OR_RETURN(o.dashboard.bind_address, config.GetString(kDashboardBind));
  SF_ASSIGN_OR_RETURN(int64_t port, config.GetInt(kDashboardPort));
  if (port < 0 || port > 65535) return InvalidArgument("--port must be 0..65535");
  o.dashboard.port = static_cast<int>(port);
  SF_ASSIGN_OR_RETURN(o.dashboard.insecure, config.GetBool(kDashboardInsecure));
  SF_ASSIGN_OR_RETURN(o.dashboard.users_file, config.TablePath(kDashboardUsers));
  SF_ASSIGN_OR_RETURN(o.dashboard.tokens_file, config.TablePath(kDashboardTokens));
  return o;
}

}  // namespace salesflow
