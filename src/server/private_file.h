#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "base/status.h"

// The users and tokens files: small line-oriented secrets files, readable by their owner only.

namespace salesflow {

// Writes `text` to `path` through a temporary file, fsync and rename, with mode 0600, so a
// crash leaves the old file or the new one, never half of it.
Status WritePrivateFile(const std::filesystem::path& path, const std::string& text);

// Calls `record` with each line of `path` that is neither empty nor a '#' comment, and its
// 1-based line number; a missing file has no records. Stops at the first error, returned as is.
Status ForEachRecordLine(const std::filesystem::path& path,
                         const std::function<Status(const std::string& line, int number)>& record);

}  // namespace salesflow
