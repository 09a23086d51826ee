#pragma once

// One-line golden files under testdata/ (e.g. a recorded schemaString), read in place.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_paths.h"

namespace salesflow::testing {

// The text of testdata/<relative> without its final newline; "" (and a failed expectation)
// when the file cannot be read.
inline std::string TestdataLine(const std::filesystem::path& relative) {
  const std::filesystem::path path = SourceDir() / "testdata" / relative;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  std::string line = text.str();
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

}  // namespace salesflow::testing
