#pragma once

#include "cli/command_context.h"

namespace salesflow {

// `salesflow table show|optimize|vacuum|checkpoint DIR`: read a Delta table's rows, compact
// its small files, delete unreferenced files, write a checkpoint. Added under the `table`
// group of table_command.h (TableParentCommand).
void RegisterTableMaintenanceCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
