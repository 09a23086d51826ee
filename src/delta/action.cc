#include "delta/action.h"

#include <fmt/format.h>

namespace salesflow::delta {

const std::string* FindValue(const StringMap& map, std::string_view key) {
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string DeletionVector::UniqueId() const {
  std::string id = storage_type + path_or_inline_dv;
  if (offset) id += fmt::format("@{}", *offset);
  return id;
}

std::string FileKey(std::string_view decoded_path, const std::optional<DeletionVector>& dv) {
  std::string key(decoded_path);
  if (dv) {
    // A NUL cannot occur in a path, so (path, dv) pairs never collide.
    key.push_back('\0');
    key += dv->UniqueId();
  }
  return key;
}

}  // namespace salesflow::delta
