#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "parquet/file_metadata.h"

namespace salesflow::parquet {

// The logical schema: a tree of fields (primitive, struct, list, map) with their Parquet
// annotations, and the leaf columns with their definition/repetition levels. Built by the
// writer from Field builders, or by the reader from a footer's flat SchemaElement list
// (including the legacy list layouts of LogicalTypes.md's backward-compatibility rules).

// What a field holds.
enum class FieldKind { kPrimitive, kStruct, kList, kMap };

// How a list (or map) field is laid out in Parquet groups.
enum class ListLayout {
  kThreeLevel,     // <rep> group name (LIST) { repeated group <repeated_name> { <element> } }
  kTwoLevel,       // <rep> group name (LIST) { repeated <element> }: the element is repeated
  kRepeatedField,  // repeated <element> name: a bare repeated field is a required list
};

// One node of the logical tree.
struct Field {
  std::string name;                        // the Parquet name
  FieldKind kind = FieldKind::kPrimitive;  // what the field holds
  bool nullable = true;                    // OPTIONAL (true) or REQUIRED (false) in Parquet
  // Primitive fields: physical type, FLBA width, annotations.
  Type physical = Type::kInt32;            // storage type of a primitive
  int32_t type_length = 0;                 // FIXED_LEN_BYTE_ARRAY width
  std::optional<LogicalType> logical;      // logical annotation, if any
  std::optional<ConvertedType> converted;  // legacy annotation, if any
  std::optional<int32_t> field_id;         // Parquet field_id, if any
  // Struct: its fields; list: one element; map: key then value.
  std::vector<Field> children;
  // Lists and maps: the layout and the name of the repeated group ("list", "key_value", ...).
  ListLayout layout = ListLayout::kThreeLevel;
  std::string repeated_name;
  // Annotations of the group itself when read from a file (LIST, MAP, MAP_KEY_VALUE...).
  std::optional<ConvertedType> group_converted;  // converted type of a group, as read

  // Levels, filled in by Schema: the definition level at which this field's value is present
  // (non-null), the repetition level of its innermost enclosing list, and for lists/maps the
  // definition level meaning "at least one element" and the repetition level of its entries.
  int16_t def_level = 0;           // value non-null when a leaf's def >= this
  int16_t rep_level = 0;           // repetition level of the enclosing list (0 at top)
  int16_t repeated_def_level = 0;  // list/map: def >= this means the entry exists
  int16_t repeated_rep_level = 0;  // list/map: repetition level of its entries
  int leaf_begin = 0;              // first leaf column under this field
  int leaf_end = 0;                // one past the last leaf column under this field

  // Builders for the writer (3-level lists, standard maps, matching converted types).
  static Field Primitive(std::string name, Type physical, bool nullable,
                         std::optional<LogicalType> logical = std::nullopt);
  static Field Bool(std::string name, bool nullable = true);
  static Field Int8(std::string name, bool nullable = true);
  static Field Int16(std::string name, bool nullable = true);
  static Field Int32(std::string name, bool nullable = true);
  static Field Int64(std::string name, bool nullable = true);
  static Field Float(std::string name, bool nullable = true);
  static Field Double(std::string name, bool nullable = true);
  static Field String(std::string name, bool nullable = true);
  static Field Binary(std::string name, bool nullable = true);
  static Field FixedBinary(std::string name, int32_t width, bool nullable = true);
  static Field Date(std::string name, bool nullable = true);
  // TIMESTAMP(MICROS, utc), stored as INT64 microseconds since the epoch.
  static Field TimestampMicros(std::string name, bool utc, bool nullable = true);
  // DECIMAL(precision, scale) as INT32 (precision <= 9), INT64 (<= 18) or FLBA (<= 38).
  static Field Decimal(std::string name, int32_t precision, int32_t scale, bool nullable = true);
  static Field Struct(std::string name, std::vector<Field> fields, bool nullable = true);
  // A 3-level list: group (LIST) { repeated group list { element } }.
  static Field List(std::string name, Field element, bool nullable = true);
  // A map: group (MAP) { repeated group key_value { required key; value } }.
  static Field Map(std::string name, Field key, Field value, bool nullable = true);
};

// One leaf column of the file, in schema (= column chunk) order.
struct LeafColumn {
  std::vector<std::string> path;  // path_in_schema, Parquet names of every level
  const Field* field = nullptr;   // the primitive field (owned by the Schema)
  int16_t max_def = 0;            // maximum definition level
  int16_t max_rep = 0;            // maximum repetition level
};

// A validated schema with levels computed. Not copyable (leaves point into the tree); share
// it through std::shared_ptr<const Schema>.
class Schema {
 public:
  // Validates the fields (names, FLBA widths, decimal precision vs physical type, map keys
  // required, ...) and computes levels.
  static Result<std::shared_ptr<const Schema>> Make(std::vector<Field> fields);

  // Builds the tree from a footer's schema list (root first). Corruption on a malformed list
  // (children counts, missing types), Unsupported for what we cannot map.
  static Result<std::shared_ptr<const Schema>> FromElements(
      const std::vector<SchemaElement>& elements);

  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  // The flat list for the footer, root ("schema") first.
  std::vector<SchemaElement> ToElements() const;

  // Top-level fields.
  const std::vector<Field>& fields() const { return fields_; }
  // Leaf columns in file order.
  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // Index of the top-level field named `name`, or -1.
  int FieldIndex(std::string_view name) const;

  // A multi-line rendering in the parquet-format "message" syntax (for `parquet schema`).
  std::string ToString() const;

 private:
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}
  Status Finish();

  std::vector<Field> fields_;
  std::vector<LeafColumn> leaves_;
};

}  // namespace salesflow::parquet
