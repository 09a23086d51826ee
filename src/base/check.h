#pragma once

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

// Invariant checks for states that can only come from a bug in salesflow (never for bad
// input, which gets a Status). On failure they print both sides, then abort.

namespace salesflow::check_internal {

template <typename A, typename B>
[[noreturn]] void FailBinary(const char* file, int line, const char* expr, const A& a, const B& b) {
  std::ostringstream os;
  os << file << ":" << line << ": check failed: " << expr << " (" << a << " vs " << b << ")";
  std::fprintf(stderr, "%s\n", os.str().c_str());
  std::abort();
}

[[noreturn]] inline void Fail(const char* file, int line, const char* expr) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
  std::abort();
}

}  // namespace salesflow::check_internal

#define SF_CHECK(cond) \
  ((cond) ? (void)0 : ::salesflow::check_internal::Fail(__FILE__, __LINE__, #cond))

#define SF_CHECK_OP_(a, b, op)                                                              \
  do {                                                                                      \
    const auto& sf_a_ = (a);                                                                \
    const auto& sf_b_ = (b);                                                                \
    if (!(sf_a_ op sf_b_))                                                                  \
      ::salesflow::check_internal::FailBinary(__FILE__, __LINE__, #a " " #op " " #b, sf_a_, \
                                              sf_b_);                                       \
  } while (false)

#define SF_CHECK_EQ(a, b) SF_CHECK_OP_(a, b, ==)
#define SF_CHECK_NE(a, b) SF_CHECK_OP_(a, b, !=)
#define SF_CHECK_LT(a, b) SF_CHECK_OP_(a, b, <)
#define SF_CHECK_LE(a, b) SF_CHECK_OP_(a, b, <=)
#define SF_CHECK_GE(a, b) SF_CHECK_OP_(a, b, >=)
