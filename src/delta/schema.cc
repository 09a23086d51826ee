#include "delta/schema.h"

#include <fmt/format.h>

#include "base/check.h"

namespace salesflow::delta {

DataType DataType::Primitive(std::string name) {
  DataType type;
  type.primitive_ = std::move(name);
  return type;
}

DataType DataType::Decimal(int32_t precision, int32_t scale) {
  DataType type;
  type.precision_ = precision;
  type.scale_ = scale;
  type.primitive_ = fmt::format("decimal({},{})", precision, scale);
  return type;
}

DataType DataType::Struct(std::vector<StructField> fields) {
  DataType type;
  type.kind_ = TypeKind::kStruct;
  type.fields_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return type;
}

DataType DataType::Array(DataType element, bool contains_null) {
  DataType type;
  type.kind_ = TypeKind::kArray;
  type.first_ = std::make_shared<const DataType>(std::move(element));
  type.contains_null_ = contains_null;
  return type;
}

DataType DataType::Map(DataType key, DataType value, bool value_contains_null) {
  DataType type;
  type.kind_ = TypeKind::kMap;
  type.first_ = std::make_shared<const DataType>(std::move(key));
  type.second_ = std::make_shared<const DataType>(std::move(value));
  type.contains_null_ = value_contains_null;
  return type;
}

const std::vector<StructField>& DataType::fields() const {
  SF_CHECK(kind_ == TypeKind::kStruct);
  return *fields_;
}

const DataType& DataType::element() const {
  SF_CHECK(kind_ == TypeKind::kArray);
  return *first_;
}

const DataType& DataType::key() const {
  SF_CHECK(kind_ == TypeKind::kMap);
  return *first_;
}

const DataType& DataType::value() const {
  SF_CHECK(kind_ == TypeKind::kMap);
  return *second_;
}

bool operator==(const DataType& a, const DataType& b) {
  if (a.kind_ != b.kind_ || a.contains_null_ != b.contains_null_) return false;
  switch (a.kind_) {
    case TypeKind::kPrimitive:
      return a.primitive_ == b.primitive_;
    case TypeKind::kStruct:
      return *a.fields_ == *b.fields_;
    case TypeKind::kArray:
      return *a.first_ == *b.first_;
    case TypeKind::kMap:
      return *a.first_ == *b.first_ && *a.second_ == *b.second_;
  }
  return false;
}

const StructField* StructType::Find(std::string_view name) const {
  for (const StructField& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace salesflow::delta
