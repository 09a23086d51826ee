#pragma once

#include <string>

namespace salesflow::delta {

// "salesflow/<version>", written as commitInfo.engineInfo; the version is the CMake project
// version, the same one `salesflow --version` prints.
std::string EngineInfo();

}  // namespace salesflow::delta
