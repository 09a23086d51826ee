#include "pipeline/string_interner.h"

namespace salesflow::pipeline {

uint32_t StringInterner::Intern(std::string_view s) {
  auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  const std::string& kept = strings_.emplace_back(s);
  ids_.emplace(std::string_view(kept), id);
  return id;
}

size_t StringInterner::MemoryBytes() const {
  // libstdc++: short strings live inside the object; longer ones own capacity()+1 bytes.
  constexpr size_t kSso = 15;
  size_t bytes = strings_.size() * sizeof(std::string) + 512 /* deque map, block slack */;
  for (const std::string& s : strings_) {
    if (s.capacity() > kSso) bytes += s.capacity() + 1;
  }
  // A node holds the value, the next pointer and the cached hash.
  constexpr size_t kNode = sizeof(std::pair<const std::string_view, uint32_t>) + 2 * sizeof(void*);
  bytes += ids_.size() * kNode + ids_.bucket_count() * sizeof(void*);
  return bytes;
}

}  // namespace salesflow::pipeline
