#pragma once

#include <fmt/format.h>

#include <cstdint>

#include "base/strong_int.h"

namespace salesflow::delta {

struct TableVersionTag {};
// A Delta table version: the N of _delta_log/N.json. -1 means "no commit yet".
using TableVersion = StrongInt<TableVersionTag, int64_t>;

// The version of a table that has no commit yet (the read snapshot of a create).
inline constexpr TableVersion kNoVersion{-1};

}  // namespace salesflow::delta

// Formats a TableVersion as its number in messages.
template <>
struct fmt::formatter<salesflow::delta::TableVersion> : fmt::formatter<int64_t> {
  template <typename FormatContext>
  auto format(salesflow::delta::TableVersion v, FormatContext& ctx) const {
    return fmt::formatter<int64_t>::format(v.value(), ctx);
  }
};
