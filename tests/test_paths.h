#pragma once

// Where a test finds the checkout, its build tree and the shared conformance corpora.
// Environment variables win (so a binary can be pointed elsewhere by hand); otherwise the
// paths CMake compiled in (see salesflow_add_test).

#include <cstdlib>
#include <filesystem>
#include <string>

namespace salesflow::testing {

inline std::filesystem::path EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::filesystem::path(v) : std::filesystem::path(fallback);
}

// The checkout (holds src/, tests/, testdata/).
inline std::filesystem::path SourceDir() {
  return EnvOr("SALESFLOW_SOURCE_DIR", SALESFLOW_SOURCE_DIR_DEFAULT);
}

// The CMake build tree the test was built in (holds the salesflow binary).
inline std::filesystem::path BinaryDir() {
  return EnvOr("SALESFLOW_BINARY_DIR", SALESFLOW_BINARY_DIR_DEFAULT);
}

// ../shared/testdata beside the checkout (CI lays a copy of shared/ there).
inline std::filesystem::path SharedTestdataDir() {
  std::filesystem::path beside = SourceDir().parent_path() / "shared" / "testdata";
  if (std::filesystem::exists(beside)) return beside;
  return "/work/shared/testdata";
}

}  // namespace salesflow::testing
