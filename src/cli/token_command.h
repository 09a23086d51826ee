#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow token create [--label L]`: prints a new API bearer token once; only its hash is
// kept in the dashboard tokens file.
void RegisterTokenCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
