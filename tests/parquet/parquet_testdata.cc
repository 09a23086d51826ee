#include "parquet_testdata.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace salesflow::parquet::testing {

std::filesystem::path ParquetTestingDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* src = std::getenv("SALESFLOW_SOURCE_DIR"); src != nullptr && *src != '\0') {
    candidates.emplace_back(std::filesystem::path(src) / ".." / "shared" / "testdata" /
                            "parquet-testing");
  }
#ifdef SALESFLOW_TEST_SOURCE_DIR
  // gtest_discover_tests may drop the environment (notes/bug-cmake-test-env.md).
  candidates.emplace_back(std::filesystem::path(SALESFLOW_TEST_SOURCE_DIR) / ".." / "shared" /
                          "testdata" / "parquet-testing");
#endif
  candidates.emplace_back("/work/shared/testdata/parquet-testing");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (std::filesystem::is_directory(c / "data", ec)) return std::filesystem::weakly_canonical(c);
  }
  return {};
}

std::vector<std::filesystem::path> FilesWithSuffix(const std::filesystem::path& dir,
                                                   const std::string& suffix) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (it->is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint8_t> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace salesflow::parquet::testing
