// salesflow: one binary for every stage of the pipeline. Each subcommand lives in its own
// <name>_command.{h,cc} (see cli/command_context.h) and is registered below with one line.
#include <cstdio>
#include <exception>
#include <string>

#include "cli/command_context.h"
#include "cli/config_command.h"
#include "cli/version.h"
// Subcommand headers (one line each):
#include "cli/broker_command.h"
#include "cli/bronze_command.h"
#include "cli/dashboard_command.h"
#include "cli/demo_command.h"
#include "cli/parquet_command.h"
#include "cli/produce_command.h"
#include "cli/run_command.h"
#include "cli/silver_command.h"
#include "cli/table_command.h"
#include "cli/table_maintenance_command.h"
#include "cli/token_command.h"
#include "cli/user_command.h"

int main(int argc, char** argv) {
  try {
    salesflow::CommandContext ctx;
    CLI::App& app = ctx.app();
    app.set_version_flag("--version", std::string("salesflow ") + salesflow::kVersion);
    // Subcommands (one line each):
    salesflow::RegisterConfigCommand(app, ctx);
    salesflow::RegisterDashboardCommand(app, ctx);  // before user/token: declares their files
    salesflow::RegisterUserCommand(app, ctx);
    salesflow::RegisterTokenCommand(app, ctx);
    salesflow::RegisterParquetCommand(app, ctx);
    salesflow::RegisterProduceCommand(app, ctx);
    salesflow::RegisterBrokerCommand(app, ctx);
    salesflow::RegisterBronzeCommand(app, ctx);
    salesflow::RegisterSilverCommand(app, ctx);
    salesflow::RegisterDemoCommand(app, ctx);  // after bronze, silver, dashboard: their settings
    salesflow::RegisterRunCommand(app, ctx);   // after bronze, silver, dashboard: their settings
    salesflow::RegisterTableCommand(app, ctx);
    salesflow::RegisterTableMaintenanceCommand(app, ctx);  // after table history/files
    return ctx.Run(argc, argv);
  } catch (const std::exception& e) {
    // Only start-up bugs get here (a setting declared twice, a flag on an unknown key).
    std::fprintf(stderr, "salesflow: internal error: %s\n", e.what());
    return 1;
  }
}
