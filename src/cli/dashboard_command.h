#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow dashboard`: serves the web UI, REST API, live updates and /metrics.
void RegisterDashboardCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
