#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "base/status.h"

namespace salesflow {

// A value or the Status saying why there is none (absl::StatusOr in spirit).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit on purpose, as StatusOr
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status(StatusCode::kInternal, "Result built from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return CheckedValue(); }
  const T& value() const& { return const_cast<Result*>(this)->CheckedValue(); }
  T&& value() && { return std::move(CheckedValue()); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  T& CheckedValue() {
    if (!value_) {
      // Reading the value of a failed Result is a programming error, not an expected failure.
      std::fprintf(stderr, "Result::value() on error: %s\n", status_.ToString().c_str());
      std::abort();
    }
    return *value_;
  }

  std::optional<T> value_;
  Status status_;
};

}  // namespace salesflow

#define SF_CONCAT_INNER_(a, b) a##b
#define SF_CONCAT_(a, b) SF_CONCAT_INNER_(a, b)

// SF_ASSIGN_OR_RETURN(auto x, MakeX()); returns the error status when MakeX() fails.
#define SF_ASSIGN_OR_RETURN(lhs, expr) \
  SF_ASSIGN_OR_RETURN_IMPL_(SF_CONCAT_(sf_result_, __LINE__), lhs, expr)
#define SF_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
