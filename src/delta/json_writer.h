#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace salesflow::delta {

// Appends compact JSON the way Spark's Jackson writes the Delta log: no spaces, '"', '\' and
// control characters escaped (\n \r \t \b \f by name, others \u00XX upper-case hex),
// everything else (including '/' and non-ASCII UTF-8) raw. Commas are inserted automatically.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // A member name inside an object; the next value call writes its value.
  void Key(std::string_view name);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // A value that is already JSON text (kept raw members, nested stats).
  void Raw(std::string_view json);

 private:
  void BeforeValue();

  std::string* out_;
  bool need_comma_ = false;  // a value was written at this level
  bool after_key_ = false;   // the next value belongs to a key just written
};

// Appends `text` as a quoted JSON string with the escaping above.
void AppendJsonQuoted(std::string_view text, std::string* out);

}  // namespace salesflow::delta
