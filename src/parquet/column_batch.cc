#include "parquet/column_batch.h"

#include <string>

#include "base/check.h"

namespace salesflow::parquet {

ColumnStorage StorageOf(const Field& field) {
  switch (field.kind) {
    case FieldKind::kStruct:
      return ColumnStorage::kStruct;
    case FieldKind::kList:
      return ColumnStorage::kList;
    case FieldKind::kMap:
      return ColumnStorage::kMap;
    case FieldKind::kPrimitive:
      break;
  }
  switch (field.physical) {
    case Type::kBoolean:
      return ColumnStorage::kBool;
    case Type::kInt32:
      return ColumnStorage::kInt32;
    case Type::kInt64:
      return ColumnStorage::kInt64;
    case Type::kFloat:
      return ColumnStorage::kFloat;
    case Type::kDouble:
      return ColumnStorage::kDouble;
    case Type::kByteArray:
      return ColumnStorage::kBinary;
    case Type::kInt96:
    case Type::kFixedLenByteArray:
      return ColumnStorage::kFixed;
  }
  return ColumnStorage::kFixed;
}

Column MakeColumn(const Field& field) {
  Column c;
  c.storage = StorageOf(field);
  if (c.storage == ColumnStorage::kFixed) {
    c.fixed_width = field.physical == Type::kInt96 ? 12 : field.type_length;
  }
  if (c.storage == ColumnStorage::kBinary || c.storage == ColumnStorage::kList ||
      c.storage == ColumnStorage::kMap) {
    c.offsets.push_back(0);
  }
  for (const Field& child : field.children) c.children.push_back(MakeColumn(child));
  return c;
}

int64_t Column::NullCount() const {
  if (validity.empty()) return 0;
  int64_t valid = 0;
  for (uint8_t v : validity) valid += v != 0;
  return length - valid;
}

std::string_view Column::BinaryAt(int64_t i) const {
  const char* base = reinterpret_cast<const char*>(bytes.data());
  if (storage == ColumnStorage::kFixed) {
    return {base + i * fixed_width, static_cast<size_t>(fixed_width)};
  }
  auto b = offsets[static_cast<size_t>(i)];
  auto e = offsets[static_cast<size_t>(i) + 1];
  return {base + b, static_cast<size_t>(e - b)};
}

void Column::MarkValid() {
  if (!validity.empty()) validity.push_back(1);
  ++length;
}

void Column::AppendNull() {
  if (validity.empty()) validity.assign(static_cast<size_t>(length), 1);
  validity.push_back(0);
  ++length;
  switch (storage) {
    case ColumnStorage::kBool:
      bools.push_back(0);
      break;
    case ColumnStorage::kInt32:
      i32.push_back(0);
      break;
    case ColumnStorage::kInt64:
      i64.push_back(0);
      break;
    case ColumnStorage::kFloat:
      f32.push_back(0);
      break;
    case ColumnStorage::kDouble:
      f64.push_back(0);
      break;
    case ColumnStorage::kBinary:
    case ColumnStorage::kList:
    case ColumnStorage::kMap:
      offsets.push_back(offsets.back());
      break;
    case ColumnStorage::kFixed:
      bytes.resize(bytes.size() + static_cast<size_t>(fixed_width));
      break;
    case ColumnStorage::kStruct:
      for (Column& c : children) c.AppendNull();
      break;
  }
}

void Column::AppendBool(bool v) {
  bools.push_back(v ? 1 : 0);
  MarkValid();
}
void Column::AppendInt32(int32_t v) {
  i32.push_back(v);
  MarkValid();
}
void Column::AppendInt64(int64_t v) {
  i64.push_back(v);
  MarkValid();
}
void Column::AppendFloat(float v) {
  f32.push_back(v);
  MarkValid();
}
void Column::AppendDouble(double v) {
  f64.push_back(v);
  MarkValid();
}

void Column::AppendBinary(std::string_view v) {
  if (storage == ColumnStorage::kFixed) SF_CHECK_EQ(v.size(), static_cast<size_t>(fixed_width));
  bytes.insert(bytes.end(), v.begin(), v.end());
  if (storage == ColumnStorage::kBinary) offsets.push_back(static_cast<int64_t>(bytes.size()));
  MarkValid();
}

void Column::CloseListEntry() {
  offsets.push_back(children.at(0).length);
  MarkValid();
}

void Column::AppendStructSlot() {
  MarkValid();
}

void Column::Clear() {
  length = 0;
  validity.clear();
  bools.clear();
  i32.clear();
  i64.clear();
  f32.clear();
  f64.clear();
  offsets.clear();
  bytes.clear();
  if (storage == ColumnStorage::kBinary || storage == ColumnStorage::kList ||
      storage == ColumnStorage::kMap) {
    offsets.push_back(0);
  }
  for (Column& c : children) c.Clear();
}

ColumnBatch ColumnBatch::Make(std::shared_ptr<const Schema> schema) {
  ColumnBatch b;
  for (const Field& f : schema->fields()) b.columns.push_back(MakeColumn(f));
  b.schema = std::move(schema);
  return b;
}

void ColumnBatch::Clear() {
  num_rows = 0;
  for (Column& c : columns) c.Clear();
}

namespace {

Status Bad(const Field& f, const std::string& what) {
  return InvalidArgument("column '" + f.name + "': " + what);
}

// `mask`: when set, the slots whose enclosing structs are present (1) or null (0); a required
// field may hold nulls only under a null struct.
Status ValidateColumn(const Column& c, const Field& f, int64_t length,
                      const std::vector<uint8_t>* mask) {
  if (c.storage != StorageOf(f)) return Bad(f, "storage does not match the schema");
  if (c.length != length) {
    return Bad(f, "length " + std::to_string(c.length) + ", expected " + std::to_string(length));
  }
  auto n = static_cast<size_t>(length);
  if (!c.validity.empty() && c.validity.size() != n) return Bad(f, "validity size");
  if (!f.nullable && !c.validity.empty()) {
    for (size_t i = 0; i < c.validity.size(); ++i) {
      if (c.validity[i] == 0 && (mask == nullptr || (*mask)[i] != 0)) {
        return Bad(f, "null in a required field");
      }
    }
  }
  auto check_offsets = [&](int64_t limit) -> Status {
    if (c.offsets.size() != n + 1 || c.offsets[0] != 0) return Bad(f, "offsets size");
    for (size_t i = 0; i < n; ++i) {
      if (c.offsets[i + 1] < c.offsets[i]) return Bad(f, "offsets decrease");
    }
    if (c.offsets[n] > limit) return Bad(f, "offsets past the end of the data");
    return Status::Ok();
  };
  switch (c.storage) {
    case ColumnStorage::kBool:
      return c.bools.size() == n ? Status::Ok() : Bad(f, "value count");
    case ColumnStorage::kInt32:
      return c.i32.size() == n ? Status::Ok() : Bad(f, "value count");
    case ColumnStorage::kInt64:
      return c.i64.size() == n ? Status::Ok() : Bad(f, "value count");
    case ColumnStorage::kFloat:
      return c.f32.size() == n ? Status::Ok() : Bad(f, "value count");
    case ColumnStorage::kDouble:
      return c.f64.size() == n ? Status::Ok() : Bad(f, "value count");
    case ColumnStorage::kBinary:
      return check_offsets(static_cast<int64_t>(c.bytes.size()));
    case ColumnStorage::kFixed:
      if (c.fixed_width != f.type_length) return Bad(f, "fixed width");
      return c.bytes.size() == n * static_cast<size_t>(c.fixed_width) ? Status::Ok()
                                                                      : Bad(f, "byte count");
    case ColumnStorage::kStruct:
      if (c.children.size() != f.children.size()) return Bad(f, "child count");
      {
        std::vector<uint8_t> present;
        const std::vector<uint8_t>* child_mask = mask;
        if (!c.validity.empty()) {
          present = c.validity;
          if (mask != nullptr) {
            for (size_t i = 0; i < n; ++i) present[i] &= (*mask)[i];
          }
          child_mask = &present;
        }
        for (size_t i = 0; i < c.children.size(); ++i) {
          SF_RETURN_IF_ERROR(ValidateColumn(c.children[i], f.children[i], length, child_mask));
        }
      }
      return Status::Ok();
    case ColumnStorage::kList:
    case ColumnStorage::kMap: {
      if (c.children.size() != f.children.size()) return Bad(f, "child count");
      int64_t child_length = c.children.empty() ? 0 : c.children[0].length;
      SF_RETURN_IF_ERROR(check_offsets(child_length));
      if (c.offsets[n] != child_length) return Bad(f, "offsets do not cover the elements");
      for (size_t i = 0; i < c.children.size(); ++i) {
        SF_RETURN_IF_ERROR(ValidateColumn(c.children[i], f.children[i], child_length, nullptr));
      }
      return Status::Ok();
    }
  }
  return Bad(f, "unknown storage");
}

}  // namespace

Status ColumnBatch::Validate() const {
  if (!schema) return InvalidArgument("batch without a schema");
  if (columns.size() != schema->fields().size()) {
    return InvalidArgument("batch has " + std::to_string(columns.size()) + " columns, schema " +
                           std::to_string(schema->fields().size()));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    SF_RETURN_IF_ERROR(ValidateColumn(columns[i], schema->fields()[i], num_rows, nullptr));
  }
  return Status::Ok();
}

}  // namespace salesflow::parquet
