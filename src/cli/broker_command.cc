#include "cli/broker_command.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "base/shutdown.h"
#include "config/common_settings.h"
#include "kafka/mock_cluster.h"

namespace salesflow {

void RegisterBrokerCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(
      app, "broker", "run an embedded in-memory Kafka broker (for demos and tests) until Ctrl-C");
  cmd.Declare({.key = "broker.partitions",
               .kind = SettingKind::kInt,
               .default_value = "3",
               .help = "partitions of the topic created at start"});
  cmd.Flag("--partitions", "broker.partitions");
  cmd.Flag("--topic", settings::kKafkaTopic);
  cmd.Run([&ctx](const Config& config) -> Status {
    SF_ASSIGN_OR_RETURN(std::string topic, config.GetString(settings::kKafkaTopic));
    SF_ASSIGN_OR_RETURN(int64_t partitions, config.GetInt("broker.partitions"));
    if (partitions < 1 || partitions > 10000) {
      return InvalidArgument("broker.partitions must be in 1..10000");
    }
    SF_RETURN_IF_ERROR(InstallShutdownHandlers());
    SF_ASSIGN_OR_RETURN(
        auto broker,
        EmbeddedBroker::Start({.topic = topic, .partitions = static_cast<int>(partitions)}));
    spdlog::info(
        "embedded broker: topic {} with {} partitions; memory only, ~5 MiB per partition, "
        "offsets restart at 0 on every start; Ctrl-C stops it",
        topic, partitions);
    ctx.out() << broker->bootstrap() << std::endl;
    while (!WaitForStop(std::chrono::milliseconds(1000))) {
    }
    spdlog::info("embedded broker stopped");
    return Status::Ok();
  });
}

}  // namespace salesflow
