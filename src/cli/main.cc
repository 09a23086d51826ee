// salesflow: one binary for every stage of the pipeline. Each subcommand lives in its own
// <name>_command.{h,cc} and registers itself here.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "salesflow: streaming sales pipeline (Kafka -> Delta bronze -> silver/gold -> "
      "dashboard) in one binary"};
  app.set_version_flag("--version", std::string("salesflow ") + salesflow::kVersion);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
