#include "cli/demo_command.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "cli/produce_command.h"
#include "config/common_settings.h"
#include "kafka/mock_cluster.h"

namespace salesflow {

void RegisterDemoCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(
      app, "demo",
      "run the pipeline on an embedded broker (for now: the producer, printing events)");
  // Registered after produce, which declares the produce.* settings.
  AddProduceSettings(cmd, /*declare=*/false);
  cmd.Flag("--brokers", settings::kKafkaBrokers);
  cmd.Run([&ctx](const Config& config) -> Status {
    std::unique_ptr<EmbeddedBroker> broker;
    std::string brokers;
    const Setting* given = config.Find(settings::kKafkaBrokers);
    if (given != nullptr && given->source.kind != SettingSource::Kind::kDefault) {
      SF_ASSIGN_OR_RETURN(brokers, config.GetString(settings::kKafkaBrokers));
    } else {
      SF_ASSIGN_OR_RETURN(std::string topic, config.GetString(settings::kKafkaTopic));
      SF_ASSIGN_OR_RETURN(broker, EmbeddedBroker::Start({.topic = topic}));
      brokers = broker->bootstrap();
      ctx.out() << "embedded Kafka broker at " << brokers << " (in memory; Ctrl-C stops)\n";
    }
    std::ostream& out = ctx.out();
    return RunProduce(config, brokers, out, [&out](const GeneratedMessage& m) {
      out << m.payload << "\n" << std::flush;
    });
  });
}

}  // namespace salesflow
