#pragma once

// The salesflow CLI framework: global options, settings-bound flags, error reporting and exit
// codes around CLI11. A subcommand is one file, e.g. cli/produce_command.{h,cc}:
//
//   void RegisterProduceCommand(CLI::App& app, CommandContext& ctx) {
//     Command& cmd = ctx.AddCommand(app, "produce", "send generated sale events to Kafka");
//     cmd.Declare({.key = "produce.rate", .kind = SettingKind::kDouble, .default_value = "0.5",
//                  .help = "events per second; 0 = as fast as possible"});
//     cmd.Flag("--rate", "produce.rate");                  // --rate 10 -> source "flag --rate"
//     cmd.Flag("--brokers", settings::kKafkaBrokers);      // a common setting
//     cmd.Use(settings::kKafkaTopic);                      // read without a flag of its own
//     cmd.Run([](const Config& config) -> Status {
//       SF_ASSIGN_OR_RETURN(double rate, config.GetDouble("produce.rate"));
//       ...
//       return Status::Ok();
//     });
//   }
//
// main.cc then calls RegisterProduceCommand(ctx.app(), ctx). Before Run is called every used
// setting has been validated, so typed getters only fail on unset keys. Exit codes: 0 ok, 1 the
// command failed, 2 usage error (bad flag, bad setting value, bad salesflow.toml, or a Run
// returning InvalidArgument). Errors print "salesflow <command>: error: <message>".

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace salesflow {

// The body of a command: gets the resolved, validated settings.
using CommandFunction = std::function<Status(const Config& config)>;

// One runnable subcommand: its CLI11 app, the settings it reads and the flags bound to them.
class Command {
 public:
  // Declares a setting owned by this command (see SettingSpec) and marks it used.
  Command& Declare(SettingSpec spec);
  // Marks an already declared setting (common or another command's) as read by this command:
  // it is validated before Run and listed by `config show --for <command>`.
  Command& Use(std::string key);
  // Adds a flag ("--rate" or "-r,--rate") whose value, when given, overrides setting `key`
  // with source "flag --rate". A bool setting gets a flag: --progress means true,
  // --progress=false false; names "--progress,!--no-progress" add a negation. Declare the
  // setting before its flag. Marks the key used.
  Command& Flag(std::string names, std::string key);
  // Sets the function run when this command is chosen.
  Command& Run(CommandFunction function);

  // The CLI11 app, for options that are not settings (store their values in a shared_ptr the
  // Run function captures, as the function runs after parsing).
  CLI::App& app() { return *app_; }
  // "produce", "config show".
  const std::string& path() const { return path_; }
  // Keys validated before Run: the global ones (data_dir, timezone, log_level) and those
  // declared, used or bound to a flag here.
  const std::vector<std::string>& used_keys() const { return used_keys_; }

 private:
  friend class CommandContext;
  // A flag bound to a setting; `value` receives the text CLI11 parsed.
  struct Binding {
    std::string key;
    std::string flag;
    std::string value;
    CLI::Option* option = nullptr;
  };

  Command(CLI::App* app, std::string path, SettingRegistry* registry);

  CLI::App* app_;
  std::string path_;
  SettingRegistry* registry_;
  std::vector<std::string> used_keys_;
  std::vector<std::unique_ptr<Binding>> bindings_;
  CommandFunction function_;
};

// Test seams and output streams of a CommandContext.
struct CommandContextOptions {
  // Environment variables read for settings and SALESFLOW_CONFIG.
  const Environment* env = &SystemEnvironment::Instance();
  // Where help and command output go.
  std::ostream* out = &std::cout;
  // Where errors and logs go.
  std::ostream* err = &std::cerr;
  // The configuration file read when neither --config nor SALESFLOW_CONFIG names one.
  std::filesystem::path default_config_path = "salesflow.toml";
};

// Owns the root CLI11 app with the global options, the setting registry (common settings
// already declared) and every registered command; Run parses, resolves and dispatches.
class CommandContext {
 public:
  explicit CommandContext(CommandContextOptions options = {});
  // Puts back a plain stderr logger if Run logged to a caller's stream that may now die.
  ~CommandContext();
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  // The root app: add command groups (e.g. "config") to it.
  CLI::App& app() { return app_; }
  // Every declared setting.
  SettingRegistry& registry() { return registry_; }
  const SettingRegistry& registry() const { return registry_; }

  // Adds a runnable subcommand under `parent` (the root app or a group such as "config").
  Command& AddCommand(CLI::App& parent, std::string name, std::string description);
  // The command with that path ("produce", "config show"), or nullptr.
  const Command* FindCommand(std::string_view path) const;
  // Every registered command, in registration order.
  const std::vector<std::unique_ptr<Command>>& commands() const { return commands_; }

  // Command output stream (stdout unless a test captures it).
  std::ostream& out() { return *options_.out; }
  // Error stream (stderr unless a test captures it).
  std::ostream& err() { return *options_.err; }

  // Parses argv (argv[0] is the program), resolves settings, sets up logging and runs the
  // chosen command. Returns the process exit code (0, 1 or 2). Call once.
  int Run(int argc, const char* const* argv);
  // Same, from arguments without the program name (tests).
  int Run(const std::vector<std::string>& args);

 private:
  int Dispatch();
  void Finalize();
  Status SetUpLogging(const Config& config);
  int Fail(std::string_view command_path, int exit_code, const Status& status,
           std::string_view hint);
  std::string ParsedPath() const;

  CommandContextOptions options_;
  CLI::App app_;
  SettingRegistry registry_;
  std::vector<std::unique_ptr<Command>> commands_;
  // Global flags bound to settings (--data-dir, --timezone, --log-level), kept in a Command
  // that is never run.
  std::unique_ptr<Command> globals_;
  std::string config_path_;
  std::vector<std::string> kafka_property_args_;
  bool logs_to_caller_stream_ = false;
};

}  // namespace salesflow
