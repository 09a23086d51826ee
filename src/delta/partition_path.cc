#include "delta/partition_path.h"

#include <fmt/format.h>

namespace salesflow::delta {
namespace {

bool NeedsHiveEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7f) return true;
  switch (c) {
    case '"':
    case '#':
    case '%':
    case '\'':
    case '*':
    case '/':
    case ':':
    case '=':
    case '?':
    case '\\':
    case '{':
    case '[':
    case ']':
    case '^':
      return true;
    default:
      return false;
  }
}

bool UriKeepsRaw(unsigned char c) {
  if (c >= 0x80) return true;  // java.net.URI leaves "other" (non-ASCII) characters unquoted
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '/':
    case '_':
    case '-':
    case '.':
    case '!':
    case '~':
    case '\'':
    case '(':
    case ')':
    case '*':
    case ',':
    case ';':
    case ':':
    case '$':
    case '&':
    case '+':
    case '=':
    case '@':
      return true;
    default:
      return false;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendPercent(unsigned char c, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "%{:02X}", c);
}

}  // namespace

std::string EscapePartitionPathPart(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (NeedsHiveEscape(byte)) {
      AppendPercent(byte, &out);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string UnescapePartitionPathPart(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string PartitionDirectory(const std::vector<std::string>& columns,
                               const NullableStringMap& values) {
  std::string out;
  for (const std::string& column : columns) {
    std::optional<std::string> value;
    for (const auto& [k, v] : values) {
      if (k == column) value = v;
    }
    out += EscapePartitionPathPart(column);
    out += '=';
    if (!value || value->empty()) {
      out += kHiveDefaultPartition;
    } else {
      out += EscapePartitionPathPart(*value);
    }
    out += '/';
  }
  return out;
}

std::string UriEncodePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (UriKeepsRaw(byte)) {
      out.push_back(c);
    } else {
      AppendPercent(byte, &out);
    }
  }
  return out;
}

Result<std::string> UriDecodePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out.push_back(path[i]);
      continue;
    }
    if (i + 2 >= path.size()) {
      return Corruption(fmt::format("truncated %-escape in path '{}'", path));
    }
    int hi = HexValue(path[i + 1]);
    int lo = HexValue(path[i + 2]);
    if (hi < 0 || lo < 0) return Corruption(fmt::format("bad %-escape in path '{}'", path));
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

Result<std::string> CanonicalFilePath(std::string_view add_path) {
  SF_ASSIGN_OR_RETURN(std::string decoded, UriDecodePath(add_path));
  std::string_view view(decoded);
  if (view.starts_with("file:")) {
    view.remove_prefix(5);
    // file:///a (empty authority) and file:/a both name /a.
    if (view.starts_with("///")) view.remove_prefix(2);
    return std::string(view);
  }
  return decoded;
}

}  // namespace salesflow::delta
