#include "base/json_string.h"

namespace salesflow {

void AppendJsonString(std::string_view text, std::string* out, JsonStringStyle style) {
  const char* hex = style == JsonStringStyle::kJackson ? "0123456789ABCDEF" : "0123456789abcdef";
  const bool html = style == JsonStringStyle::kHtmlSafe;
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&'))) {
      continue;
    }
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        out->append("\\u00");
        out->push_back(hex[c >> 4]);
        out->push_back(hex[c & 0xF]);
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

}  // namespace salesflow
