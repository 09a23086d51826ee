#pragma once

#include <string>
#include <string_view>

namespace salesflow {

// Appends `text` (valid UTF-8) as a quoted JSON string the way Python's
// json.dumps(..., ensure_ascii=False) writes it: accents stay raw UTF-8, '"' and '\' are
// escaped, \n \r \t \b \f by name and other control characters as \u00XX.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace salesflow
