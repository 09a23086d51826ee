#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow demo`: the whole pipeline in one process on an embedded Kafka broker: producer
// (history backfill, then live), bronze, silver and the dashboard, with a status line.
// Registered after produce, bronze, silver and dashboard (it uses their settings).
void RegisterDemoCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
