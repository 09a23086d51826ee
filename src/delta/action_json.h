#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "delta/action.h"

namespace salesflow::delta {

// Parses one commit file (newline-delimited JSON, one action per line). Unknown members and
// unknown action types are kept or skipped as the protocol requires; corrupt JSON or a
// required field of the wrong type is Corruption "line N: ...".
Result<std::vector<Action>> ParseCommit(std::string_view text);

// Parses one line (one JSON object) into its actions; `line_number` is for messages only.
Result<std::vector<Action>> ParseActionLine(std::string_view line, int line_number = 1);

// Appends one action as a single JSON line without the newline, with Spark's field names,
// field order and escaping; optional fields that are unset are left out, as Spark does.
void AppendActionJson(const Action& action, std::string* out);

// A whole commit file: each action on its own line, each line ending in '\n'.
std::string SerializeCommit(const std::vector<Action>& actions);

}  // namespace salesflow::delta
