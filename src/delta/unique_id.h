#pragma once

#include <string>

namespace salesflow::delta {

// A random RFC 4122 version-4 UUID in lower-case text ("6f1c...-4...-8..."), from getrandom(2):
// data file names, temporary names and table ids must never collide across processes.
std::string RandomUuid();

}  // namespace salesflow::delta
