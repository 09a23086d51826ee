#include "config/config_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace salesflow {

namespace {

int LineOf(const toml::source_region& region) {
  return static_cast<int>(region.begin.line);
}

std::string_view TomlTypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date/time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// Scalar TOML values as the text any other source would give; nullopt for tables, arrays and
// dates, which no setting takes.
std::optional<std::string> ScalarText(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    char buf[64];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, f->get());
    return std::string(buf, ec == std::errc() ? ptr : buf);
  }
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  return std::nullopt;
}

// The TOML types a setting of `kind` may be written as: durations and zones are strings
// ("2s", "Europe/Paris") so the file reads like the flags.
bool TypeFits(SettingKind kind, toml::node_type type) {
  switch (kind) {
    case SettingKind::kString:
    case SettingKind::kDuration:
    case SettingKind::kTimeZone:
      return type == toml::node_type::string;
    case SettingKind::kInt:
      return type == toml::node_type::integer;
    case SettingKind::kDouble:
      return type == toml::node_type::integer || type == toml::node_type::floating_point;
    case SettingKind::kBool:
      return type == toml::node_type::boolean;
  }
  return false;
}

std::string_view ExpectedTomlType(SettingKind kind) {
  switch (kind) {
    case SettingKind::kString:
      return "a string";
    case SettingKind::kDuration:
      return "a duration string such as \"2s\"";
    case SettingKind::kTimeZone:
      return "a time zone string such as \"Europe/Paris\"";
    case SettingKind::kInt:
      return "an integer";
    case SettingKind::kDouble:
      return "a number";
    case SettingKind::kBool:
      return "true or false";
  }
  return "a value";
}

constexpr std::string_view kPropertiesTable = "kafka.properties";

class Walker {
 public:
  Walker(std::string path, const SettingRegistry& registry)
      : registry_(registry), result_{.path = std::move(path)} {}

  Status Table(const toml::table& table, const std::string& prefix) {
    for (auto&& [k, node] : table) {
      std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      int line = LineOf(k.source());
      if (line == 0) line = LineOf(node.source());
      SF_RETURN_IF_ERROR(Node(node, key, line));
    }
    return Status::Ok();
  }

  ConfigFile Finish() && {
    auto by_line = [](const ConfigFileEntry& a, const ConfigFileEntry& b) {
      return a.line < b.line;
    };
    std::stable_sort(result_.settings.begin(), result_.settings.end(), by_line);
    std::stable_sort(result_.kafka_properties.begin(), result_.kafka_properties.end(), by_line);
    return std::move(result_);
  }

 private:
  Status Error(int line, const std::string& message) const {
    return InvalidArgument(result_.path + ":" + std::to_string(line) + ": " + message);
  }

  Status Node(const toml::node& node, const std::string& key, int line) {
    if (key == kPropertiesTable) {
      const toml::table* table = node.as_table();
      if (table == nullptr) {
        return Error(line, "[kafka.properties] must be a table of librdkafka properties");
      }
      return Properties(*table, "");
    }
    if (const SettingSpec* spec = registry_.Find(key)) {
      if (!TypeFits(spec->kind, node.type())) {
        return Error(line, key + " must be " + std::string(ExpectedTomlType(spec->kind)) +
                               ", not " + std::string(TomlTypeName(node.type())));
      }
      std::string text = *ScalarText(node);
      if (Status status = ValidateSettingText(*spec, text); !status.ok()) {
        return Error(line, key + ": " + status.message());
      }
      result_.settings.push_back({key, std::move(text), line});
      return Status::Ok();
    }
    if (const toml::table* table = node.as_table();
        table != nullptr && (registry_.IsSection(key) || key == "kafka")) {
      return Table(*table, key);
    }
    // A librdkafka property written straight into [kafka] is a common slip; say where it goes.
    std::string hint = key.rfind("kafka.", 0) == 0
                           ? "; librdkafka properties go under [kafka.properties] (or -X key=value)"
                           : "";
    if (node.is_table()) {
      return Error(line, "unknown section [" + key + "]" + KnownSections() + hint);
    }
    return Error(line, "unknown setting '" + key + "'" + KnownNear(key) + hint);
  }

  // " (known sections: bronze, kafka)".
  std::string KnownSections() const {
    std::vector<std::string> sections;
    for (const auto& [known, spec] : registry_.specs()) {
      size_t dot = known.rfind('.');
      if (dot == std::string::npos) continue;
      std::string section = known.substr(0, dot);
      if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
        sections.push_back(section);
      }
    }
    std::string names;
    for (const std::string& section : sections) names += (names.empty() ? "" : ", ") + section;
    return names.empty() ? "" : " (known sections: " + names + ")";
  }

  Status Properties(const toml::table& table, const std::string& prefix) {
    for (auto&& [k, node] : table) {
      std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      int line = LineOf(k.source());
      if (line == 0) line = LineOf(node.source());
      if (const toml::table* nested = node.as_table()) {
        SF_RETURN_IF_ERROR(Properties(*nested, key));
        continue;
      }
      std::optional<std::string> text = ScalarText(node);
      if (!text) {
        return Error(line, "librdkafka property '" + key + "' must be a string, number or " +
                               "boolean, not " + std::string(TomlTypeName(node.type())));
      }
      result_.kafka_properties.push_back({key, std::move(*text), line});
    }
    return Status::Ok();
  }

  // " (known in [kafka]: brokers, topic)" to point at a typo; empty when the section is unknown.
  std::string KnownNear(const std::string& key) const {
    size_t dot = key.rfind('.');
    std::string section = dot == std::string::npos ? "" : key.substr(0, dot);
    std::string names;
    for (const auto& [known, spec] : registry_.specs()) {
      size_t known_dot = known.rfind('.');
      std::string known_section = known_dot == std::string::npos ? "" : known.substr(0, known_dot);
      if (known_section != section) continue;
      names += (names.empty() ? "" : ", ") + known.substr(known_dot + 1);
    }
    if (section == "kafka") names += (names.empty() ? "" : ", ") + std::string("[properties]");
    if (names.empty()) return "";
    return section.empty() ? " (known top-level keys: " + names + ")"
                           : " (known in [" + section + "]: " + names + ")";
  }

  const SettingRegistry& registry_;
  ConfigFile result_;
};

}  // namespace

Result<ConfigFile> ParseConfigText(std::string_view text, std::string path,
                                   const SettingRegistry& registry) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ":" +
                           std::to_string(e.source().begin.column) +
                           ": TOML syntax error: " + std::string(e.description()));
  }
  Walker walker(std::move(path), registry);
  SF_RETURN_IF_ERROR(walker.Table(root, ""));
  return std::move(walker).Finish();
}

Result<ConfigFile> ReadConfigFile(const std::string& path, const SettingRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) {
      return NotFound("configuration file " + path + " does not exist");
    }
    return ErrnoError("open", path, errno);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return ErrnoError("read", path, errno);
  return ParseConfigText(text.str(), path, registry);
}

ConfigFileChoice ChooseConfigFile(const std::optional<std::string>& flag_path,
                                  const Environment& env,
                                  const std::filesystem::path& default_path) {
  if (flag_path && !flag_path->empty()) {
    return {*flag_path, SettingSource::Flag("--config")};
  }
  if (std::optional<std::string> from_env = env.Get("SALESFLOW_CONFIG")) {
    return {*from_env, SettingSource::Environment("SALESFLOW_CONFIG")};
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(default_path, ec)) {
    return {default_path.string(), SettingSource::Default()};
  }
  return {std::nullopt, SettingSource::Default()};
}

}  // namespace salesflow
