#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow run`: bronze, silver and the dashboard in one process against an external Kafka
// (each stage as its own command would run it). Registered after bronze, silver, dashboard.
void RegisterRunCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
