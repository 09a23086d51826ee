#pragma once

#include <string>
#include <string_view>

namespace salesflow {

// How control characters are spelled; every style escapes '"' and '\' and writes \n \r \t \b
// \f by name. Peers compare our output byte for byte, so each encoding picks its peer's style.
enum class JsonStringStyle {
  kPython,    // json.dumps(ensure_ascii=False): other controls as \u00xx (lowercase hex)
  kJackson,   // Spark's Jackson (Delta log): other controls as \u00XX (uppercase hex)
  kHtmlSafe,  // kPython plus < > & as \u003c \u003e \u0026, safe inside an HTML page
};

// Appends `text` (valid UTF-8) as a quoted JSON string; UTF-8 stays raw.
void AppendJsonString(std::string_view text, std::string* out,
                      JsonStringStyle style = JsonStringStyle::kPython);

}  // namespace salesflow
