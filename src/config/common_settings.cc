#include "config/common_settings.h"

namespace salesflow {

void DeclareCommonSettings(SettingRegistry& registry) {
  using K = SettingKind;
  registry.Declare({.key = settings::kDataDir,
                    .kind = K::kString,
                    .default_value = "./data",
                    .help = "folder holding every table (relative to the working directory)"});
  registry.Declare({.key = settings::kTimeZone,
                    .kind = K::kTimeZone,
                    .default_value = "UTC",
                    .help = "IANA zone for naive timestamps, day partitions and minute buckets"});
  registry.Declare({.key = settings::kLogLevel,
                    .kind = K::kString,
                    .default_value = "info",
                    .help = "log level on stderr",
                    .choices = {"trace", "debug", "info", "warn", "error", "critical", "off"}});
  registry.Declare({.key = settings::kKafkaBrokers,
                    .kind = K::kString,
                    .default_value = "localhost:9092",
                    .env = {"KAFKA_SERVER"},
                    .help = "Kafka bootstrap servers, host:port[,host:port...]"});
  registry.Declare({.key = settings::kKafkaTopic,
                    .kind = K::kString,
                    .default_value = "ventes_stream",
                    .env = {"KAFKA_TOPIC"},
                    .help = "topic of the sale events"});
  registry.Declare({.key = settings::kBronzeTable,
                    .kind = K::kString,
                    .default_value = "delta_ventes_table",
                    .help = "bronze Delta table of valid events (folder under data_dir)"});
  registry.Declare({.key = settings::kBronzeRejectsTable,
                    .kind = K::kString,
                    .default_value = "delta_ventes_rejets",
                    .help = "Delta table of rejected events (folder under data_dir)"});
  registry.Declare({.key = settings::kSilverTable,
                    .kind = K::kString,
                    .default_value = "delta_silver_aggreges",
                    .env = {"SILVER_PATH"},
                    .help = "silver per-client aggregates table (folder under data_dir)"});
}

std::vector<std::string> GlobalSettingKeys() {
  return {settings::kDataDir, settings::kTimeZone, settings::kLogLevel};
}

}  // namespace salesflow
