#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <string>

#include "base/status.h"
#include "cli/command_context.h"
#include "config/config.h"
#include "event/generator.h"

namespace salesflow {

// `salesflow produce`: sends generated sale events to Kafka (see docs/DESIGN.md "Kafka").
void RegisterProduceCommand(CLI::App& app, CommandContext& ctx);

// Declares the produce.* settings and binds their flags on `cmd` (produce and demo share them).
// `declare` is false when another command already declared them.
void AddProduceSettings(Command& cmd, bool declare);

// Runs the producer with the produce.* settings against `brokers`: the summary goes to `out`,
// the progress line to stderr when it is a terminal, each event to `on_sent` when set.
Status RunProduce(const Config& config, const std::string& brokers, std::ostream& out,
                  const std::function<void(const GeneratedMessage&)>& on_sent);

}  // namespace salesflow
