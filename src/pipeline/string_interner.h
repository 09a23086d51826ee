#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace salesflow::pipeline {

// Keeps one copy of each distinct string (names, countries, segments repeat across millions
// of rows) and hands out dense 32-bit ids so aggregates stay fixed-size. Ids depend on the
// order strings were first seen, so anything compared across runs must resolve them.
class StringInterner {
 public:
  // The id of `s`, adding it when new.
  uint32_t Intern(std::string_view s);
  // The string of an id returned by Intern().
  std::string_view Get(uint32_t id) const { return strings_[id]; }
  // Number of distinct strings.
  size_t size() const { return strings_.size(); }
  // Honest estimate of the heap bytes held (strings, deque blocks, hash nodes and buckets).
  size_t MemoryBytes() const;

 private:
  std::deque<std::string> strings_;  // a deque never moves its elements, so views stay valid
  std::unordered_map<std::string_view, uint32_t> ids_;  // views into strings_
};

}  // namespace salesflow::pipeline
