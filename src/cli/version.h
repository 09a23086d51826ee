#pragma once

namespace salesflow {

// Reported by --version and written as engineInfo "salesflow/<version>" in Delta commits.
inline constexpr const char* kVersion = "0.1.0";

}  // namespace salesflow
