#include "delta/table_schema.h"

#include <fmt/format.h>

#include <simdjson.h>

#include <charconv>

#include "delta/json_writer.h"

namespace salesflow::delta {

int TableSchema::Find(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Result<TableSchema> ParseTableSchema(std::string_view schema_string) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(schema_string.data(), schema_string.size()).get(doc) != simdjson::SUCCESS) {
    return Corruption("schemaString: invalid JSON");
  }
  simdjson::dom::array fields;
  if (doc["fields"].get_array().get(fields) != simdjson::SUCCESS) {
    return Corruption("schemaString: no 'fields' array");
  }
  TableSchema schema;
  for (simdjson::dom::element field : fields) {
    TableColumn column;
    std::string_view name;
    if (field["name"].get_string().get(name) != simdjson::SUCCESS) {
      return Corruption("schemaString: a field without a string 'name'");
    }
    column.name = std::string(name);
    bool nullable = true;
    if (field["nullable"].get_bool().get(nullable) == simdjson::SUCCESS) {
      column.nullable = nullable;
    }
    simdjson::dom::element type;
    if (field["type"].get(type) != simdjson::SUCCESS) {
      return Corruption(fmt::format("schemaString: field '{}' has no type", column.name));
    }
    column.type_json = simdjson::minify(type);
    std::string_view type_name;
    if (type.get_string().get(type_name) == simdjson::SUCCESS) {
      column.type = std::string(type_name);
    } else if (type["type"].get_string().get(type_name) == simdjson::SUCCESS) {
      column.type = std::string(type_name);  // "struct", "array", "map"
    } else {
      return Corruption(fmt::format("schemaString: field '{}' has a malformed type", column.name));
    }
    schema.columns.push_back(std::move(column));
  }
  return schema;
}

std::string SerializeTableSchema(const TableSchema& schema) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("type");
  w.String("struct");
  w.Key("fields");
  w.BeginArray();
  for (const TableColumn& column : schema.columns) {
    w.BeginObject();
    w.Key("name");
    w.String(column.name);
    w.Key("type");
    if (!column.type_json.empty() && column.type_json.front() == '{') {
      w.Raw(column.type_json);
    } else {
      w.String(column.type);
    }
    w.Key("nullable");
    w.Bool(column.nullable);
    w.Key("metadata");
    w.BeginObject();
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

Result<std::pair<int32_t, int32_t>> ParseDecimalType(std::string_view type) {
  if (!type.starts_with("decimal(") || !type.ends_with(")")) {
    return InvalidArgument(fmt::format("not a decimal type: '{}'", type));
  }
  std::string_view inner = type.substr(8, type.size() - 9);
  size_t comma = inner.find(',');
  if (comma == std::string_view::npos)
    return InvalidArgument(fmt::format("bad decimal '{}'", type));
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  std::string_view p = trim(inner.substr(0, comma));
  std::string_view s = trim(inner.substr(comma + 1));
  int32_t precision = 0;
  int32_t scale = 0;
  if (std::from_chars(p.data(), p.data() + p.size(), precision).ec != std::errc() ||
      std::from_chars(s.data(), s.data() + s.size(), scale).ec != std::errc() || precision < 1 ||
      precision > 38 || scale < 0 || scale > precision) {
    return InvalidArgument(fmt::format("bad decimal '{}'", type));
  }
  return std::pair{precision, scale};
}

Result<parquet::Field> ParquetFieldFor(const TableColumn& column) {
  using parquet::Field;
  const std::string& t = column.type;
  const std::string& n = column.name;
  bool nullable = column.nullable;
  if (t == "long") return Field::Int64(n, nullable);
  if (t == "integer") return Field::Int32(n, nullable);
  if (t == "short") return Field::Int16(n, nullable);
  if (t == "byte") return Field::Int8(n, nullable);
  if (t == "string") return Field::String(n, nullable);
  if (t == "boolean") return Field::Bool(n, nullable);
  if (t == "double") return Field::Double(n, nullable);
  if (t == "float") return Field::Float(n, nullable);
  if (t == "binary") return Field::Binary(n, nullable);
  if (t == "date") return Field::Date(n, nullable);
  if (t == "timestamp") return Field::TimestampMicros(n, /*utc=*/true, nullable);
  if (t == "timestamp_ntz") return Field::TimestampMicros(n, /*utc=*/false, nullable);
  if (t.starts_with("decimal")) {
    SF_ASSIGN_OR_RETURN(auto ps, ParseDecimalType(t));
    return Field::Decimal(n, ps.first, ps.second, nullable);
  }
  return Unsupported(
      fmt::format("column '{}': type {} is not a primitive type", n, column.type_json));
}

}  // namespace salesflow::delta
