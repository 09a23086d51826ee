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

// Marks every silver.* setting used on `cmd` without binding silver's flags (the demo and
// `salesflow run` own theirs); `salesflow silver` must be registered first (it declares them).
void UseSilverSettings(Command& cmd);

// The job options from the resolved settings (silver.*, bronze.table, data_dir, timezone).
Result<pipeline::SilverJobOptions> SilverJobOptionsFromConfig(const Config& config);

}  // namespace salesflow
