#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "cli/command_context.h"
#include "config/config.h"

// The settings each long-running stage (bronze, silver) keeps under its own section: its
// Prometheus endpoint and whether it fsyncs. One definition so the stages cannot drift apart.

namespace salesflow {

// What AddStageServiceSettings declares, resolved.
struct StageServiceOptions {
  int metrics_port = -1;     // Prometheus port; 0 = any free port, -1 = off
  std::string metrics_host;  // address the metrics endpoint listens on
  bool sync = true;          // fsync data and log files (false only for benchmarks)
};

// Declares (when `declare`) "<section>.metrics_port", ".metrics_host" and ".sync" on `cmd`,
// binds --metrics-port and --metrics-host to them and marks all three used.
void AddStageServiceSettings(Command& cmd, std::string_view section, bool declare);

// Marks the three settings of `section` used on `cmd` without binding flags (for a command
// that runs the stage beside others, e.g. salesflow demo).
void UseStageServiceSettings(Command& cmd, std::string_view section);

// The three settings of `section`; InvalidArgument for a port outside -1..65535.
Result<StageServiceOptions> StageServiceOptionsFromConfig(const Config& config,
                                                          std::string_view section);

}  // namespace salesflow
