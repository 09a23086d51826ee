#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace salesflow {

// Read access to environment variables; an interface so tests set variables without touching
// the process environment. An empty value counts as unset (compose files often export
// KAFKA_SERVER= to mean "not given").
class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value, or nullopt when it is unset or empty.
  virtual std::optional<std::string> Get(std::string_view name) const = 0;
};

// The process environment (getenv).
class SystemEnvironment final : public Environment {
 public:
  std::optional<std::string> Get(std::string_view name) const override;
  // Process-wide instance for production wiring.
  static const Environment& Instance();
};

// A fixed set of variables, for tests.
class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  MapEnvironment(std::initializer_list<std::pair<const std::string, std::string>> vars)
      : vars_(vars) {}
  std::optional<std::string> Get(std::string_view name) const override;
  void Set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace salesflow
