#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "event/sale_decoder.h"

namespace salesflow {
namespace {

// The fuzzer's seed corpus doubles as a fixed set of cases: valid_* decode, bad_* are refused.
TEST(SeedCorpusTest, ValidFilesDecodeAndBadFilesAreRejected) {
  // CTest sets SALESFLOW_SOURCE_DIR; the path compiled in serves a direct run of the binary.
  const char* source = std::getenv("SALESFLOW_SOURCE_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(source != nullptr ? source : SALESFLOW_EVENT_SOURCE_DIR) /
      "testdata/event/corpus";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  SaleDecoder decoder;
  int valid = 0;
  int bad = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const std::string name = entry.path().filename().string();
    auto result = decoder.Decode(content.str());
    if (name.starts_with("valid_")) {
      EXPECT_TRUE(result.ok()) << name << ": " << result.status().ToString();
      ++valid;
    } else {
      ASSERT_TRUE(name.starts_with("bad_")) << name;
      EXPECT_FALSE(result.ok()) << name;
      ++bad;
    }
  }
  EXPECT_GE(valid, 4);
  EXPECT_GE(bad, 6);
}

}  // namespace
}  // namespace salesflow
