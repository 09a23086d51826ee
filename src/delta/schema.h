#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace salesflow::delta {

struct StructField;

// Kind of a Delta (Spark SQL) data type.
enum class TypeKind { kPrimitive, kStruct, kArray, kMap };

// A table column type: a primitive ("long", "string", "decimal(18,2)", "timestamp_ntz", ...)
// or a struct, array or map of types. A value type, cheap to copy (children are shared).
class DataType {
 public:
  // "long", "integer", "short", "byte", "float", "double", "boolean", "string", "binary",
  // "date", "timestamp", "timestamp_ntz"; see Decimal() for decimals.
  static DataType Primitive(std::string name);
  // decimal(precision, scale), 1 <= precision <= 38, 0 <= scale <= precision.
  static DataType Decimal(int32_t precision, int32_t scale);
  static DataType Struct(std::vector<StructField> fields);
  static DataType Array(DataType element, bool contains_null);
  static DataType Map(DataType key, DataType value, bool value_contains_null);

  TypeKind kind() const { return kind_; }
  // Primitive name as Spark spells it ("decimal(18,2)" for decimals); "" for nested types.
  const std::string& primitive_name() const { return primitive_; }
  bool is_decimal() const { return precision_ > 0; }
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // Struct members (kStruct only).
  const std::vector<StructField>& fields() const;
  // Array element / map key / map value (their kinds only).
  const DataType& element() const;
  const DataType& key() const;
  const DataType& value() const;
  bool contains_null() const { return contains_null_; }
  bool value_contains_null() const { return contains_null_; }

  friend bool operator==(const DataType& a, const DataType& b);

 private:
  TypeKind kind_ = TypeKind::kPrimitive;
  std::string primitive_;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  std::shared_ptr<const std::vector<StructField>> fields_;
  std::shared_ptr<const DataType> first_;   // element or key
  std::shared_ptr<const DataType> second_;  // map value
  bool contains_null_ = true;               // containsNull / valueContainsNull
};

// One named member of a struct (a table column at the top level).
struct StructField {
  std::string name;                  // column name
  DataType type;                     // its type
  bool nullable = true;              // may be null
  std::string metadata_json = "{}";  // field metadata (comments, column mapping ids) as JSON
  friend bool operator==(const StructField&, const StructField&) = default;
};

// The schema of a table: its top-level columns.
struct StructType {
  std::vector<StructField> fields;  // columns in order
  // The column named `name`, or nullptr (exact, case-sensitive match).
  const StructField* Find(std::string_view name) const;
  friend bool operator==(const StructType&, const StructType&) = default;
};

}  // namespace salesflow::delta
