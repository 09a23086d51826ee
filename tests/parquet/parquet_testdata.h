#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace salesflow::parquet::testing {

// The apache/parquet-testing checkout read in place: ${SALESFLOW_SOURCE_DIR}/../shared/
// testdata/parquet-testing (CI clones the repo next to shared/), else
// /work/shared/testdata/parquet-testing. Empty when neither exists.
std::filesystem::path ParquetTestingDir();

// Files under `dir` (recursively) whose name ends with `suffix`, sorted.
std::vector<std::filesystem::path> FilesWithSuffix(const std::filesystem::path& dir,
                                                   const std::string& suffix);

// The whole content of a file (empty on error).
std::vector<uint8_t> ReadWholeFile(const std::filesystem::path& path);

}  // namespace salesflow::parquet::testing
