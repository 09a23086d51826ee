#pragma once

#include <cstdint>
#include <optional>

#include "base/result.h"
#include "cli/command_context.h"
#include "delta/snapshot.h"
#include "delta/storage.h"

namespace salesflow {

// The table's snapshot at `version` (latest when unset), replayed from its newest checkpoint
// at or below it (Parquet checkpoint reader), so tables whose older commits were cleaned up
// load too. Every `table` subcommand loads through this.
Result<delta::Snapshot> LoadTableSnapshot(delta::Storage& storage,
                                          std::optional<int64_t> version = std::nullopt);

// The Parquet checkpoint reader the `table` subcommands share (stateless).
delta::CheckpointReader& TableCheckpointReader();

// The `table` command group ("inspect and maintain Delta tables"): created on first use and
// returned afterwards, so every table subcommand file can add itself under it.
CLI::App& TableParentCommand(CLI::App& app);

// `salesflow table history DIR [--json] [--limit N]`: one line per commit, newest first
// (version, time, operation, parameters, engine); `salesflow table files DIR [--json]
// [--version V]`: the active data files with size, partition values and record count.
void RegisterTableCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
