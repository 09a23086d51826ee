#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace salesflow {

// `salesflow broker`: runs the embedded (mock) Kafka broker until Ctrl-C, printing its
// bootstrap address.
void RegisterBrokerCommand(CLI::App& app, CommandContext& ctx);

}  // namespace salesflow
