#pragma once

#include "base/result.h"
#include "cli/command_context.h"
#include "cli/pipeline_stages.h"
#include "config/config.h"

namespace salesflow {

// Binds, on `cmd` (demo, run), the settings of the stages PipelineStages runs: bronze's
// flags (AddBronzeSettings), silver's and the dashboard's settings without flags of their
// own (their commands declare them and own the flags) except --port and --bind. Must be
// called after the bronze, silver and dashboard commands are registered.
void AddPipelineSettings(Command& cmd);

// The stage options from the resolved settings, as `salesflow bronze`, `salesflow silver`
// and `salesflow dashboard` would run them.
Result<PipelineStagesOptions> PipelineStagesOptionsFromConfig(const Config& config);

}  // namespace salesflow
