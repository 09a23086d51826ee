#include "delta/engine_info.h"

#include <fmt/format.h>

#ifndef SALESFLOW_DELTA_VERSION
#error "SALESFLOW_DELTA_VERSION must be defined by src/delta/CMakeLists.txt"
#endif

namespace salesflow::delta {

std::string EngineInfo() {
  return fmt::format("salesflow/{}", SALESFLOW_DELTA_VERSION);
}

}  // namespace salesflow::delta
