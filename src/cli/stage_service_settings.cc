#include "cli/stage_service_settings.h"

#include <fmt/format.h>

namespace salesflow {
namespace {

std::string Key(std::string_view section, std::string_view name) {
  return fmt::format("{}.{}", section, name);
}

}  // namespace

void AddStageServiceSettings(Command& cmd, std::string_view section, bool declare) {
  if (declare) {
    cmd.Declare({.key = Key(section, "metrics_port"),
                 .kind = SettingKind::kInt,
                 .default_value = "-1",
                 .help = "serve Prometheus metrics on this port (0 = any free port, -1 = off)"});
    cmd.Declare({.key = Key(section, "metrics_host"),
                 .default_value = "127.0.0.1",
                 .help = "address the metrics endpoint listens on"});
    cmd.Declare({.key = Key(section, "sync"),
                 .kind = SettingKind::kBool,
                 .default_value = "true",
                 .help = "fsync data and log files (false only for benchmarks)"});
  }
  cmd.Flag("--metrics-port", Key(section, "metrics_port"));
  cmd.Flag("--metrics-host", Key(section, "metrics_host"));
  cmd.Use(Key(section, "sync"));
}

void UseStageServiceSettings(Command& cmd, std::string_view section) {
  for (const char* name : {"metrics_port", "metrics_host", "sync"}) cmd.Use(Key(section, name));
}

Result<StageServiceOptions> StageServiceOptionsFromConfig(const Config& config,
                                                          std::string_view section) {
  StageServiceOptions o;
  const std::string port_key = Key(section, "metrics_port");
  SF_ASSIGN_OR_RETURN(int64_t port, config.GetInt(port_key));
  if (port < -1 || port > 65535) return InvalidArgument(port_key + " must be -1..65535");
  o.metrics_port = static_cast<int>(port);
  SF_ASSIGN_OR_RETURN(o.metrics_host, config.GetString(Key(section, "metrics_host")));
  SF_ASSIGN_OR_RETURN(o.sync, config.GetBool(Key(section, "sync")));
  return o;
}

}  // namespace salesflow
