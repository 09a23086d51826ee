#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow parquet schema|meta|cat FILE`: inspect a Parquet file with our reader.
// `cat --json` prints one JSON object per row in the form of parquet/row_json.h.
void RegisterParquetCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
