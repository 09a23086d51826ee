#include "config/table_path.h"

#include <string>

namespace salesflow {

Result<std::filesystem::path> ResolveTablePath(const std::filesystem::path& data_dir,
                                               std::string_view table) {
  if (table.empty()) return InvalidArgument("table name is empty");
  std::filesystem::path path(table);
  if (path.is_absolute()) return path;
  return data_dir / path;
}

}  // namespace salesflow
