#include "cli/run_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "base/shutdown.h"
#include "cli/pipeline_settings.h"
#include "cli/pipeline_stages.h"
#include "config/common_settings.h"

namespace salesflow {
namespace {

Status RunPipeline(const Config& config, CommandContext& ctx) {
  SF_ASSIGN_OR_RETURN(PipelineStagesOptions options, PipelineStagesOptionsFromConfig(config));
  SF_RETURN_IF_ERROR(InstallShutdownHandlers());
  SF_ASSIGN_OR_RETURN(auto stages, PipelineStages::Start(options));
  ctx.out() << "salesflow run: " << options.bronze.topic << " on " << options.bronze.brokers
            << " -> " << options.bronze.table_dir << " -> " << options.silver.silver_dir << ", "
            << options.silver.gold_dir << "\nsalesflow run: dashboard at " << stages->url() << "\n";
  ctx.out().flush();
  std::optional<int64_t> last_bronze;
  while (!StopRequested()) {
    WaitForStop(std::chrono::seconds(1));
    std::optional<DataVersions> shown = stages->published();
    if (shown && shown->bronze.value() != last_bronze.value_or(-2)) {
      last_bronze = shown->bronze.value();
      spdlog::info("run: dashboard shows bronze version {} (silver v{}, gold v{})",
                   shown->bronze.value(), shown->silver.value(), shown->gold.value());
    }
  }
  Status status = stages->Join();
  ctx.out() << "salesflow run: stopped\n";
  ctx.out().flush();
  return status;
}

}  // namespace

void RegisterRunCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(
      app, "run", "bronze, silver and the dashboard in one process against an external Kafka");
  cmd.Flag("--brokers", settings::kKafkaBrokers);
  cmd.Flag("--topic", settings::kKafkaTopic);
  AddPipelineSettings(cmd);
  cmd.Use(settings::kTimeZone);
  cmd.Run([&ctx](const Config& config) { return RunPipeline(config, ctx); });
}

}  // namespace salesflow
