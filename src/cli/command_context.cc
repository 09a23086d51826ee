#include "cli/command_context.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <stdexcept>

namespace salesflow {

namespace {

// "--rate" from "-r,--rate": the name users see in sources and messages.
std::string FlagDisplayName(std::string_view names) {
  std::string best;
  size_t start = 0;
  while (start <= names.size()) {
    size_t comma = names.find(',', start);
    std::string name(
        names.substr(start, comma == std::string_view::npos ? names.npos : comma - start));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (best.empty() || (name.rfind("--", 0) == 0 && best.rfind("--", 0) != 0)) best = name;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return best;
}

std::string TypeName(SettingKind kind) {
  switch (kind) {
    case SettingKind::kString:
      return "TEXT";
    case SettingKind::kInt:
      return "INT";
    case SettingKind::kDouble:
      return "NUMBER";
    case SettingKind::kBool:
      return "BOOL";
    case SettingKind::kDuration:
      return "DURATION";
    case SettingKind::kTimeZone:
      return "ZONE";
  }
  return "VALUE";
}

// "events per second [produce.rate; env SALESFLOW_PRODUCE_RATE; default 0.5]".
std::string FlagDescription(const SettingSpec& spec) {
  std::string text = spec.help + " [" + spec.key + "; env ";
  std::vector<std::string> names = EnvNamesFor(spec);
  for (size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : ", ") + names[i];
  if (spec.default_value) text += "; default " + *spec.default_value;
  return text + "]";
}

}  // namespace

Command::Command(CLI::App* app, std::string path, SettingRegistry* registry)
    : app_(app), path_(std::move(path)), registry_(registry), used_keys_(GlobalSettingKeys()) {}

Command& Command::Declare(SettingSpec spec) {
  std::string key = spec.key;
  registry_->Declare(std::move(spec));
  return Use(std::move(key));
}

Command& Command::Use(std::string key) {
  if (std::find(used_keys_.begin(), used_keys_.end(), key) == used_keys_.end()) {
    used_keys_.push_back(std::move(key));
  }
  return *this;
}

Command& Command::Flag(std::string names, std::string key) {
  auto binding = std::make_unique<Binding>();
  binding->key = key;
  binding->flag = FlagDisplayName(names);
  const SettingSpec* spec = registry_->Find(key);
  if (spec != nullptr && spec->kind == SettingKind::kBool) {
    binding->option = app_->add_flag(names, spec->help);
  } else {
    binding->option = app_->add_option(names, binding->value, spec ? spec->help : "");
  }
  bindings_.push_back(std::move(binding));
  return Use(std::move(key));
}

Command& Command::Run(CommandFunction function) {
  function_ = std::move(function);
  return *this;
}

CommandContext::CommandContext(CommandContextOptions options)
    : options_(std::move(options)),
      app_(
          "salesflow: streaming sales pipeline (Kafka -> Delta bronze -> silver/gold -> "
          "dashboard) in one binary",
          "salesflow") {
  DeclareCommonSettings(registry_);
  // Global options may also follow the subcommand: `salesflow produce --data-dir /srv`.
  app_.fallthrough();
  app_.require_subcommand(1);
  app_.add_option("--config", config_path_,
                  "configuration file [env SALESFLOW_CONFIG; default ./salesflow.toml if present]")
      ->type_name("PATH");
  app_.add_option("-X", kafka_property_args_,
                  "librdkafka property key=value, passed through verbatim (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  globals_.reset(new Command(&app_, "", &registry_));
  globals_->Flag("--data-dir", settings::kDataDir);
  globals_->Flag("--timezone", settings::kTimeZone);
  globals_->Flag("--log-level", settings::kLogLevel);
}

CommandContext::~CommandContext() {
  if (logs_to_caller_stream_) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "salesflow", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  }
}

Command& CommandContext::AddCommand(CLI::App& parent, std::string name, std::string description) {
  CLI::App* sub = parent.add_subcommand(name, std::move(description));
  sub->footer(
      "Global options, before or after the command: --config PATH, -X KEY=VALUE (librdkafka), "
      "--data-dir, --timezone, --log-level; see 'salesflow --help'.");
  std::string path;
  for (const CLI::App* app = sub; app != nullptr && app != &app_; app = app->get_parent()) {
    path = path.empty() ? app->get_name() : app->get_name() + " " + path;
  }
  commands_.emplace_back(new Command(sub, std::move(path), &registry_));
  return *commands_.back();
}

const Command* CommandContext::FindCommand(std::string_view path) const {
  for (const auto& command : commands_) {
    if (command->path() == path) return command.get();
  }
  return nullptr;
}

// Settings may be declared by a command registered after the one using them, so keys and
// flag help are checked once every command is registered.
void CommandContext::Finalize() {
  auto finalize = [&](Command& command) {
    for (const std::string& key : command.used_keys()) {
      if (registry_.Find(key) == nullptr) {
        throw std::logic_error("command '" + command.path() + "' uses undeclared setting '" + key +
                               "'");
      }
    }
    for (const auto& binding : command.bindings_) {
      const SettingSpec& spec = *registry_.Find(binding->key);
      binding->option->description(FlagDescription(spec));
      if (spec.kind != SettingKind::kBool) binding->option->type_name(TypeName(spec.kind));
    }
  };
  finalize(*globals_);
  for (auto& command : commands_) finalize(*command);
}

std::string CommandContext::ParsedPath() const {
  std::string path;
  const CLI::App* app = &app_;
  for (;;) {
    std::vector<CLI::App*> subs = app->get_subcommands();
    if (subs.empty()) break;
    app = subs.front();
    path += (path.empty() ? "" : " ") + app->get_name();
  }
  return path;
}

int CommandContext::Fail(std::string_view command_path, int exit_code, const Status& status,
                         std::string_view hint) {
  err() << "salesflow" << (command_path.empty() ? "" : " ") << command_path
        << ": error: " << status.message() << "\n";
  if (!hint.empty()) err() << "  " << hint << "\n";
  err().flush();
  return exit_code;
}

int CommandContext::Run(int argc, const char* const* argv) {
  Finalize();
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app_.exit(e, out(), err());  // --help, --version
    }
    std::string path = ParsedPath();
    std::string help = "run 'salesflow" + (path.empty() ? "" : " " + path) + " --help' for usage";
    return Fail(path, 2, InvalidArgument(e.what()), help);
  }
  return Dispatch();
}

int CommandContext::Run(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"salesflow"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return Run(static_cast<int>(argv.size()), argv.data());
}

int CommandContext::Dispatch() {
  std::string path = ParsedPath();
  Command* command = nullptr;
  for (auto& candidate : commands_) {
    if (candidate->path() == path) command = candidate.get();
  }
  if (command == nullptr || !command->function_) {
    return Fail(path, 2, InvalidArgument("'" + path + "' is not a command on its own"),
                "run 'salesflow " + path + " --help' for its subcommands");
  }
  std::string quoted = path.find(' ') == std::string::npos ? path : "'" + path + "'";
  std::string usage_hint = "run 'salesflow " + path + " --help' for usage; 'salesflow config " +
                           "show --for " + quoted + "' lists its settings and their sources";

  ConfigInputs inputs{.env = options_.env};
  for (const Command* owner : std::initializer_list<const Command*>{globals_.get(), command}) {
    for (const auto& binding : owner->bindings_) {
      if (binding->option->count() == 0) continue;
      const SettingSpec& spec = *registry_.Find(binding->key);
      // CLI11 turns --flag, --flag=false and a negated !--no-flag into its bool.
      std::string value = spec.kind != SettingKind::kBool ? binding->value
                          : binding->option->as<bool>()   ? "true"
                                                          : "false";
      inputs.flags.push_back({binding->key, std::move(value), binding->flag});
    }
  }
  for (const std::string& arg : kafka_property_args_) {
    Result<std::pair<std::string, std::string>> property = ParseKafkaPropertyArg(arg);
    if (!property.ok()) return Fail(path, 2, property.status(), usage_hint);
    inputs.cli_properties.push_back({property->first, property->second, SettingSource::Flag("-X")});
  }

  std::optional<std::string> config_flag;
  if (!config_path_.empty()) config_flag = config_path_;
  ConfigFileChoice choice =
      ChooseConfigFile(config_flag, *options_.env, options_.default_config_path);
  std::optional<ConfigFile> file;
  if (choice.path) {
    Result<ConfigFile> read = ReadConfigFile(*choice.path, registry_);
    if (!read.ok()) {
      Status status = read.status();
      if (choice.source.kind != SettingSource::Kind::kDefault) {
        status =
            std::move(status).WithContext("configuration file from " + choice.source.ToString());
      }
      return Fail(
          path, 2, status,
          status.code() == StatusCode::kNotFound
              ? "check the path given by " + choice.source.ToString()
              : "fix the file: [section] key = value, as listed by 'salesflow config show'");
    }
    file = std::move(*read);
  }
  inputs.file = file ? &*file : nullptr;

  Config config = ResolveConfig(registry_, inputs);
  if (Status status = config.Validate(command->used_keys()); !status.ok()) {
    return Fail(path, 2, status, usage_hint);
  }
  if (Status status = SetUpLogging(config); !status.ok()) return Fail(path, 2, status, "");

  Status status;
  try {
    status = command->function_(config);
  } catch (const std::exception& e) {
    status = Internal(std::string("unexpected exception: ") + e.what());
  }
  if (status.ok()) return 0;
  if (status.code() == StatusCode::kInvalidArgument) return Fail(path, 2, status, usage_hint);
  return Fail(path, 1, status, "");
}

Status CommandContext::SetUpLogging(const Config& config) {
  SF_ASSIGN_OR_RETURN(std::string level_name, config.GetString(settings::kLogLevel));
  spdlog::sink_ptr sink;
  if (options_.err == &std::cerr) {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*options_.err, /*force_flush=*/true);
    logs_to_caller_stream_ = true;
  }
  auto logger = std::make_shared<spdlog::logger>("salesflow", std::move(sink));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level_name));
  spdlog::set_default_logger(std::move(logger));
  return Status::Ok();
}

}  // namespace salesflow
