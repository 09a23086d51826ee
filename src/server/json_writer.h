#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace salesflow {

// Builds compact JSON text in one string. Commas are placed automatically; nesting is checked
// only in debug terms (the callers are our own encoders, never user data driven).
class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value inside an object.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  // A number with `decimals` digits after the point (fixed notation).
  JsonWriter& Fixed(double value, int decimals);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // An amount of cents as an exact decimal string with two digits: 357443 -> "3574.43".
  JsonWriter& Money(int64_t cents);
  // Already encoded JSON inserted as one value.
  JsonWriter& Raw(std::string_view json);

  // The text so far.
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  // One entry per open container: true once it holds a value (a comma goes before the next).
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

// Appends `value` as a quoted JSON string with the escapes RFC 8259 requires (and < > & as
// \u escapes so the text is safe inside HTML too).
void AppendJsonString(std::string& out, std::string_view value);

// "3574.43" for 357443; "-0.05" for -5.
std::string FormatCents(int64_t cents);

}  // namespace salesflow
