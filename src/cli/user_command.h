#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow user add NAME`: stores an argon2id hash of a password read from stdin (a pipe)
// or asked twice without echo (a terminal) in the dashboard users file.
void RegisterUserCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
