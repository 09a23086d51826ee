#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow demo`: for now, the producer against an embedded broker (or --brokers), printing
// each event it sends. Later issues grow it into the whole pipeline.
void RegisterDemoCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
