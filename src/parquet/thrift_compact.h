#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace salesflow::parquet {

// The Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md), hand-written for
// the Parquet footer and page headers. Only what parquet.thrift uses: structs, i8/i16/i32/i64,
// bool, double, binary, list (and set/map when skipping unknown fields).

// Type nibbles of the compact protocol.
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Appends compact-protocol bytes to a caller-owned buffer. Field ids are delta-encoded
// against the previous field of the same struct, so the writer keeps one id per open struct.
class ThriftCompactWriter {
 public:
  // `out` must outlive the writer; bytes are appended.
  explicit ThriftCompactWriter(std::vector<uint8_t>* out) : out_(out) {}

  // Opens a nested struct (the value of a struct field or of a list element).
  void StructBegin();
  // Writes the stop byte and closes the innermost struct.
  void StructEnd();

  // Field header for a non-bool field.
  void FieldBegin(ThriftType type, int16_t id);

  // Whole fields.
  void FieldBool(int16_t id, bool value);
  void FieldByte(int16_t id, int8_t value);
  void FieldI32(int16_t id, int32_t value);
  void FieldI64(int16_t id, int64_t value);
  void FieldDouble(int16_t id, double value);
  void FieldBinary(int16_t id, std::string_view value);
  // Field header of a struct field followed by StructBegin(); close it with StructEnd().
  void FieldStructBegin(int16_t id);
  // Field header of a list field followed by its list header.
  void FieldListBegin(int16_t id, ThriftType element_type, size_t size);

  // List header; the elements follow with the bare value writers below.
  void ListBegin(ThriftType element_type, size_t size);

  // Bare values (list elements).
  void I32(int32_t value) { Varint(ZigZag32(value)); }
  void I64(int64_t value) { Varint(ZigZag64(value)); }
  void Binary(std::string_view value);
  void Bool(bool value);

 private:
  static uint32_t ZigZag32(int32_t v) {
    return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
  }
  static uint64_t ZigZag64(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void Varint(uint64_t v);
  void FieldHeader(uint8_t type, int16_t id);

  std::vector<uint8_t>* out_;
  std::vector<int16_t> last_ids_{0};  // last field id of each open struct
};

// One field header read from the input.
struct ThriftFieldHeader {
  ThriftType type = ThriftType::kStop;  // kBoolTrue/kBoolFalse carry a bool field's value
  int16_t id = 0;                       // field id
};

// Decodes compact-protocol bytes. Every length and element count is checked against the bytes
// left and nesting is capped, so hostile input yields Corruption, never a huge allocation,
// an out-of-bounds read or a deep recursion.
class ThriftCompactReader {
 public:
  // Most structs nest far less deep; parquet's deepest is FileMetaData>RowGroup>ColumnChunk>
  // ColumnMetaData>Statistics, plus unknown fields we skip.
  static constexpr int kMaxDepth = 64;

  // `data` must outlive the reader. Decoders may allocate up to 64 bytes per input byte plus
  // 16 MiB, at most 1 GiB (real footers need about 12): see ChargeMemory.
  explicit ThriftCompactReader(std::span<const uint8_t> data)
      : data_(data),
        memory_budget_(
            std::min<uint64_t>(uint64_t{1} << 30, 64 * uint64_t{data.size()} + (16 << 20))) {}

  // Enters a struct; Corruption past kMaxDepth.
  Status StructBegin();
  // Leaves a struct (after ReadFieldBegin returned kStop).
  void StructEnd();

  // Reads the next field header; type kStop ends the struct.
  Status ReadFieldBegin(ThriftFieldHeader* header);

  // Reads a list header; the count is bounded by the bytes left (each element takes at least
  // one byte, except bools which take one too in lists).
  Status ReadListBegin(ThriftType* element_type, uint32_t* size);

  // Value readers; the kind must match what the field header announced (callers check).
  Status ReadByte(int8_t* value);
  Status ReadI16(int16_t* value);
  Status ReadI32(int32_t* value);
  Status ReadI64(int64_t* value);
  Status ReadDouble(double* value);
  // A view into the input; valid while the input is.
  Status ReadBinary(std::string_view* value);
  // A bool list element (a bool field's value is in its header's type).
  Status ReadBool(bool* value);

  // Skips one value of `type`, including nested structs, lists, sets and maps.
  Status Skip(ThriftType type);

  // Accounts for memory a decoder is about to allocate for decoded values (list elements);
  // Corruption once the budget is spent, so tiny structs repeated by a hostile list cannot
  // expand a footer a thousandfold.
  Status ChargeMemory(uint64_t bytes);

  // Bytes consumed so far.
  size_t position() const { return pos_; }
  // Bytes left.
  size_t remaining() const { return data_.size() - pos_; }

 private:
  Status ReadVarint(uint64_t* value);
  Status SkipDepth(ThriftType type, int depth);

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  std::vector<int16_t> last_ids_;  // last field id of each open struct
  uint64_t memory_budget_;         // bytes decoders may still allocate
};

}  // namespace salesflow::parquet
