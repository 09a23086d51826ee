#pragma once

#include <filesystem>
#include <string_view>

#include "base/result.h"

namespace salesflow {

// Where a table lives: `table` (a folder name such as delta_ventes_table, or a path) under
// `data_dir`; an absolute `table` is kept as it is. "./data" + "delta_ventes_table" gives
// "./data/delta_ventes_table". An empty name is an error.
Result<std::filesystem::path> ResolveTablePath(const std::filesystem::path& data_dir,
                                               std::string_view table);

}  // namespace salesflow
