#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <ostream>

namespace salesflow {

// An integer that cannot be mixed up with another kind of integer (an Offset is not a
// Partition). Tag is an empty struct naming the kind; arithmetic is explicit via value().
template <typename Tag, typename Rep = int64_t>
class StrongInt {
 public:
  using rep_type = Rep;

  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep v) : value_(v) {}

  constexpr Rep value() const { return value_; }

  constexpr StrongInt next() const { return StrongInt(value_ + 1); }

  friend constexpr auto operator<=>(StrongInt, StrongInt) = default;
  friend std::ostream& operator<<(std::ostream& os, StrongInt v) { return os << v.value_; }

 private:
  Rep value_{};
};

}  // namespace salesflow

template <typename Tag, typename Rep>
struct std::hash<salesflow::StrongInt<Tag, Rep>> {
  size_t operator()(salesflow::StrongInt<Tag, Rep> v) const noexcept {
    return std::hash<Rep>()(v.value());
  }
};
