#include "delta/schema_json.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include <simdjson.h>

#include "delta/json_writer.h"

namespace salesflow::delta {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::array<std::string_view, 12> kPrimitives = {
    "string", "long",    "integer", "short", "byte",      "float",
    "double", "boolean", "binary",  "date",  "timestamp", "timestamp_ntz"};

// Nesting bound: a hostile schemaString must not overflow the stack.
constexpr int kMaxDepth = 64;

Result<int32_t> ParseInt(std::string_view text) {
  int32_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return Corruption(fmt::format("not an integer: '{}'", text));
  }
  return value;
}

}  // namespace

Result<DataType> ParsePrimitiveType(std::string_view name) {
  for (std::string_view known : kPrimitives) {
    if (name == known) return DataType::Primitive(std::string(name));
  }
  if (name == "decimal") return DataType::Decimal(10, 0);  // Spark's default
  if (name.starts_with("decimal(") && name.ends_with(")")) {
    std::string_view inside = name.substr(8, name.size() - 9);
    size_t comma = inside.find(',');
    if (comma == std::string_view::npos)
      return Corruption(fmt::format("bad decimal type '{}'", name));
    std::string_view p = inside.substr(0, comma);
    std::string_view s = inside.substr(comma + 1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    SF_ASSIGN_OR_RETURN(int32_t precision, ParseInt(p));
    SF_ASSIGN_OR_RETURN(int32_t scale, ParseInt(s));
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      return Corruption(fmt::format("decimal out of range '{}'", name));
    }
    return DataType::Decimal(precision, scale);
  }
  return Unsupported(fmt::format("column type '{}' is not supported", name));
}

namespace {

Result<DataType> ParseType(element value, int depth);

Result<bool> GetBool(object obj, std::string_view key, std::string_view what) {
  bool b = false;
  if (obj[key].get_bool().get(b) != simdjson::SUCCESS) {
    return Corruption(fmt::format("{} without boolean '{}'", what, key));
  }
  return b;
}

Result<StructField> ParseField(element value, int depth) {
  object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS)
    return Corruption("a field is not an object");
  std::string_view name;
  if (obj["name"].get_string().get(name) != simdjson::SUCCESS) {
    return Corruption("a field has no string 'name'");
  }
  StructField field;
  field.name = std::string(name);
  element type;
  if (obj["type"].get(type) != simdjson::SUCCESS) {
    return Corruption(fmt::format("field '{}' has no type", name));
  }
  Result<DataType> parsed = ParseType(type, depth + 1);
  if (!parsed.ok()) return parsed.status().WithContext(fmt::format("field '{}'", name));
  field.type = std::move(parsed).value();
  bool nullable = true;
  if (obj["nullable"].get_bool().get(nullable) == simdjson::SUCCESS) field.nullable = nullable;
  element metadata;
  if (obj["metadata"].get(metadata) == simdjson::SUCCESS) {
    if (!metadata.is_object())
      return Corruption(fmt::format("field '{}' metadata is not an object", name));
    field.metadata_json = simdjson::minify(metadata);
  }
  return field;
}

Result<std::vector<StructField>> ParseFields(object obj, int depth) {
  simdjson::dom::array array;
  if (obj["fields"].get_array().get(array) != simdjson::SUCCESS) {
    return Corruption("struct type without a 'fields' array");
  }
  std::vector<StructField> fields;
  for (element item : array) {
    SF_ASSIGN_OR_RETURN(StructField field, ParseField(item, depth));
    fields.push_back(std::move(field));
  }
  return fields;
}

Result<DataType> ParseType(element value, int depth) {
  if (depth > kMaxDepth) return Corruption("schema nested too deeply");
  std::string_view name;
  if (value.get_string().get(name) == simdjson::SUCCESS) return ParsePrimitiveType(name);
  object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS) {
    return Corruption("a type is neither a name nor an object");
  }
  std::string_view kind;
  if (obj["type"].get_string().get(kind) != simdjson::SUCCESS) {
    return Corruption("a nested type has no string 'type'");
  }
  if (kind == "struct") {
    SF_ASSIGN_OR_RETURN(auto fields, ParseFields(obj, depth));
    return DataType::Struct(std::move(fields));
  }
  if (kind == "array") {
    element item;
    if (obj["elementType"].get(item) != simdjson::SUCCESS)
      return Corruption("array without elementType");
    SF_ASSIGN_OR_RETURN(DataType element_type, ParseType(item, depth + 1));
    SF_ASSIGN_OR_RETURN(bool contains_null, GetBool(obj, "containsNull", "array"));
    return DataType::Array(std::move(element_type), contains_null);
  }
  if (kind == "map") {
    element key;
    element val;
    if (obj["keyType"].get(key) != simdjson::SUCCESS ||
        obj["valueType"].get(val) != simdjson::SUCCESS) {
      return Corruption("map without keyType/valueType");
    }
    SF_ASSIGN_OR_RETURN(DataType key_type, ParseType(key, depth + 1));
    SF_ASSIGN_OR_RETURN(DataType value_type, ParseType(val, depth + 1));
    SF_ASSIGN_OR_RETURN(bool value_contains_null, GetBool(obj, "valueContainsNull", "map"));
    return DataType::Map(std::move(key_type), std::move(value_type), value_contains_null);
  }
  return Unsupported(fmt::format("nested type '{}' is not supported", kind));
}

void WriteType(JsonWriter& w, const DataType& type);

void WriteFields(JsonWriter& w, const std::vector<StructField>& fields) {
  w.BeginObject();
  w.Key("type");
  w.String("struct");
  w.Key("fields");
  w.BeginArray();
  for (const StructField& field : fields) {
    w.BeginObject();
    w.Key("name");
    w.String(field.name);
    w.Key("type");
    WriteType(w, field.type);
    w.Key("nullable");
    w.Bool(field.nullable);
    w.Key("metadata");
    w.Raw(field.metadata_json.empty() ? "{}" : field.metadata_json);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteType(JsonWriter& w, const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kPrimitive:
      w.String(type.primitive_name());
      return;
    case TypeKind::kStruct:
      WriteFields(w, type.fields());
      return;
    case TypeKind::kArray:
      w.BeginObject();
      w.Key("type");
      w.String("array");
      w.Key("elementType");
      WriteType(w, type.element());
      w.Key("containsNull");
      w.Bool(type.contains_null());
      w.EndObject();
      return;
    case TypeKind::kMap:
      w.BeginObject();
      w.Key("type");
      w.String("map");
      w.Key("keyType");
      WriteType(w, type.key());
      w.Key("valueType");
      WriteType(w, type.value());
      w.Key("valueContainsNull");
      w.Bool(type.value_contains_null());
      w.EndObject();
      return;
  }
}

}  // namespace

Result<StructType> ParseSchemaJson(std::string_view json) {
  simdjson::dom::parser parser;
  element doc;
  auto error = parser.parse(json.data(), json.size()).get(doc);
  if (error != simdjson::SUCCESS) {
    return Corruption(fmt::format("schemaString is not JSON: {}", simdjson::error_message(error)));
  }
  object obj;
  std::string_view kind;
  if (doc.get_object().get(obj) != simdjson::SUCCESS ||
      obj["type"].get_string().get(kind) != simdjson::SUCCESS || kind != "struct") {
    return Corruption("schemaString is not a struct type");
  }
  SF_ASSIGN_OR_RETURN(auto fields, ParseFields(obj, 0));
  return StructType{std::move(fields)};
}

std::string SchemaToJson(const StructType& schema) {
  std::string out;
  JsonWriter w(&out);
  WriteFields(w, schema.fields);
  return out;
}

}  // namespace salesflow::delta
