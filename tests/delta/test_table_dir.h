#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/check.h"

namespace salesflow::delta::testing {

// A fresh directory under $TMPDIR for one test's table, removed with everything in it.
class TestTableDir {
 public:
  TestTableDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/salesflow-delta-XXXXXX";
    SF_CHECK(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  TestTableDir(const TestTableDir&) = delete;
  TestTableDir& operator=(const TestTableDir&) = delete;
  ~TestTableDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The golden tables of delta-io/delta, read in place: ${SALESFLOW_SOURCE_DIR}/../shared/...
// when that exists, else /work/shared/testdata/delta-golden.
inline std::string GoldenTablesDir() {
  if (const char* source = std::getenv("SALESFLOW_SOURCE_DIR")) {
    std::string dir = std::string(source) + "/../shared/testdata/delta-golden";
    if (std::filesystem::is_directory(dir)) return dir;
  }
  return "/work/shared/testdata/delta-golden";
}

}  // namespace salesflow::delta::testing
