#pragma once

#include <CLI/CLI.hpp>

#include "base/result.h"
#include "cli/command_context.h"
#include "config/config.h"
#include "pipeline/bronze_job.h"

namespace salesflow {

// `salesflow bronze`: Kafka -> delta_ventes_table (+ delta_ventes_rejets), exactly once (see
// docs/DESIGN.md "Bronze and the exactly-once scheme").
void RegisterBronzeCommand(CLI::App& app, CommandContext& ctx);

// Declares the bronze.* settings (when `declare`) and binds bronze's flags on `cmd`, so the
// demo can run bronze with the same settings.
void AddBronzeSettings(Command& cmd, bool declare);

// The job options from the resolved settings (bronze.*, kafka.*, data_dir, timezone).
Result<pipeline::BronzeJobOptions> BronzeJobOptionsFromConfig(const Config& config);

}  // namespace salesflow
