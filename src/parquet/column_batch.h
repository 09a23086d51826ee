#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Columnar data shared by the writer (which consumes it) and the reader (which produces it),
// laid out like Arrow so loops over values are tight and free of virtual calls:
// - every column has `length` slots and an optional validity vector (one byte per slot,
//   1 = present; empty means all present);
// - primitives keep one value per slot, nulls included (their value is unspecified, 0 when
//   we fill them), in the vector of their storage type;
// - BYTE_ARRAY keeps length+1 offsets into `bytes`; FIXED_LEN_BYTE_ARRAY (and INT96, which the
//   reader stores as its 12 raw bytes) keeps `fixed_width` bytes per slot in `bytes`;
// - a struct has one child column per field, each with the struct's length;
// - a list has length+1 offsets into its one child (the elements); a map has length+1 offsets
//   into its two children (keys, values). A null or empty entry has an empty range.
//
// Logical values use their Parquet storage: DATE days in i32, TIMESTAMP micros in i64, DECIMAL
// unscaled in i32/i64 or big-endian two's complement in `bytes`, INT(8/16) in i32.

// The storage vector a column uses.
enum class ColumnStorage : uint8_t {
  kBool,    // bools
  kInt32,   // i32
  kInt64,   // i64
  kFloat,   // f32
  kDouble,  // f64
  kBinary,  // offsets + bytes
  kFixed,   // bytes, fixed_width per slot
  kStruct,  // children
  kList,    // offsets + children[0]
  kMap,     // offsets + children[0] (keys) + children[1] (values)
};

// The storage of a field.
ColumnStorage StorageOf(const Field& field);

// One column (or nested child column) of a batch.
struct Column {
  ColumnStorage storage = ColumnStorage::kInt32;  // which vectors below are used
  int64_t length = 0;                             // number of slots
  std::vector<uint8_t> validity;                  // empty = all valid; else `length` bytes of 0/1
  std::vector<uint8_t> bools;                     // kBool: 0/1 per slot
  std::vector<int32_t> i32;                       // kInt32
  std::vector<int64_t> i64;                       // kInt64
  std::vector<float> f32;                         // kFloat
  std::vector<double> f64;                        // kDouble
  std::vector<int64_t> offsets;  // kBinary, kList, kMap: length+1 entries, offsets[0]=0
  std::vector<uint8_t> bytes;    // kBinary data, kFixed data
  int32_t fixed_width = 0;       // kFixed: bytes per slot
  std::vector<Column> children;  // kStruct fields, kList element, kMap key and value

  // True when slot i holds a value.
  bool IsValid(int64_t i) const { return validity.empty() || validity[static_cast<size_t>(i)]; }
  // Number of null slots.
  int64_t NullCount() const;
  // BYTE_ARRAY / FLBA value of slot i.
  std::string_view BinaryAt(int64_t i) const;

  // Appenders for building columns by hand (tests, small writers like Delta's checkpoints);
  // hot paths fill the vectors directly. AppendNull adds a zero/empty placeholder value.
  void AppendNull();
  void AppendBool(bool v);
  void AppendInt32(int32_t v);
  void AppendInt64(int64_t v);
  void AppendFloat(float v);
  void AppendDouble(double v);
  void AppendBinary(std::string_view v);  // kBinary, or kFixed with v.size() == fixed_width
  // Lists and maps: closes the current entry after its elements were appended to children.
  void CloseListEntry();
  // Structs: counts one more slot after each child got one.
  void AppendStructSlot();

  // Releases the values but keeps capacity (the reader reuses batches).
  void Clear();

 private:
  void MarkValid();
};

// An empty column (with children) shaped for `field`.
Column MakeColumn(const Field& field);

// A set of equally long columns, one per top-level field of the schema.
struct ColumnBatch {
  std::shared_ptr<const Schema> schema;  // describes the columns
  int64_t num_rows = 0;                  // slots in every top-level column
  std::vector<Column> columns;           // one per schema().fields()

  // An empty batch for `schema`.
  static ColumnBatch Make(std::shared_ptr<const Schema> schema);

  // Checks the shapes against the schema (lengths, offsets monotonic and in range, validity
  // sizes, fixed widths, no nulls in required fields). The writer calls it on every batch.
  Status Validate() const;

  // Empties every column, keeping capacity.
  void Clear();
};

}  // namespace salesflow::parquet
