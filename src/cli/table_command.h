#pragma once

#include "cli/command_context.h"

namespace salesflow {

// The `table` command group ("inspect and maintain Delta tables"): created on first use and
// returned afterwards, so every table subcommand file can add itself under it.
CLI::App& TableParentCommand(CLI::App& app);

// `salesflow table history DIR [--json] [--limit N]`: one line per commit, newest first
// (version, time, operation, parameters, engine); `salesflow table files DIR [--json]
// [--version V]`: the active data files with size, partition values and record count.
void RegisterTableCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
