#pragma once

#include <CLI/CLI.hpp>

#include "base/result.h"
#include "cli/command_context.h"
#include "config/config.h"
#include "pipeline/silver_job.h"

namespace salesflow {

// `salesflow silver`: bronze -> delta_silver_aggreges and the delta_gold tables, incremental
// and exactly once (see docs/DESIGN.md "Silver and gold").
void RegisterSilverCommand(CLI::App& app, CommandContext& ctx);

// Declares the silver.* settings (when `declare`) and binds silver's flags on `cmd`, so the
// demo can run silver with the same settings.
void AddSilverSettings(Command& cmd, bool declare);

// The job options from the resolved settings (silver.*, bronze.table, data_dir, timezone).
Result<pipeline::SilverJobOptions> SilverJobOptionsFromConfig(const Config& config);

}  // namespace salesflow
