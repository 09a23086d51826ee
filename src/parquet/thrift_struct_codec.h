#pragma once

// Building blocks shared by the Thrift struct codecs of file_metadata_thrift.cc (footer) and
// page_header_thrift.cc (page headers, statistics): typed field readers that check wire
// types, the struct/list loops that skip unknown fields, required-field checks.
// Internal to src/parquet; include only from those two files.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "parquet/file_metadata.h"
#include "parquet/thrift_compact.h"

// SF_RETURN_IF_ERROR with a unique variable, since the decoders nest it inside lambdas.
#define SF_TRY_IMPL_(var, expr)       \
  do {                                \
    ::salesflow::Status var = (expr); \
    if (!var.ok()) return var;        \
  } while (false)
#define SF_TRY(expr) SF_TRY_IMPL_(SF_CONCAT_(sf_try_, __COUNTER__), expr)

// One case of a field switch: reads field ID into DEST (the reader is `r`, the header `h`).
// A field whose wire type does not fit its declared type is skipped and not counted as
// present, as Thrift-generated readers do (old writers put other types in since-reused ids,
// e.g. dict-page-offset-zero.parquet's ColumnMetaData field 15).
#define SF_FIELD(ID, DEST, WHAT)                                        \
  case ID:                                                              \
    *known = ::salesflow::parquet::thrift_codec::Accepts(h.type, DEST); \
    return *known ? Get(r, h, WHAT, DEST) : ::salesflow::Status::Ok()

namespace salesflow::parquet::thrift_codec {

using W = ThriftCompactWriter;
using R = ThriftCompactReader;
using H = ThriftFieldHeader;
using T = ThriftType;

// Top-level structs are written without the StructBegin of a containing field.
template <typename V, typename F>
void SerializeTop(const V& value, std::vector<uint8_t>* out, F write) {
  W w(out);
  w.StructBegin();
  write(w, value);
  w.StructEnd();
}

inline Status WrongType(const H& h, const char* what) {
  return Corruption(std::string("thrift: field ") + std::to_string(h.id) + " of " + what +
                    " has wire type " + std::to_string(static_cast<int>(h.type)));
}

// Whether a field of wire type `t` can be read into *dest (see SF_FIELD).
inline bool Accepts(T t, const int32_t*) {
  return t == T::kI32;
}
inline bool Accepts(T t, const int16_t*) {
  return t == T::kI16 || t == T::kI32;
}
inline bool Accepts(T t, const int64_t*) {
  return t == T::kI64 || t == T::kI32;
}
inline bool Accepts(T t, const int8_t*) {
  return t == T::kByte;
}
inline bool Accepts(T t, const bool*) {
  return t == T::kBoolTrue || t == T::kBoolFalse;
}
inline bool Accepts(T t, const std::string*) {
  return t == T::kBinary;
}
template <typename E>
requires std::is_enum_v<E>
inline bool Accepts(T t, const E*) {
  return t == T::kI32;
}
template <typename V>
inline bool Accepts(T t, const std::optional<V>*) {
  return Accepts(t, static_cast<const V*>(nullptr));
}

inline Status Get(R& r, const H& h, const char* what, int32_t* v) {
  if (h.type != T::kI32) return WrongType(h, what);
  return r.ReadI32(v);
}
inline Status Get(R& r, const H& h, const char* what, int16_t* v) {
  if (h.type != T::kI16 && h.type != T::kI32) return WrongType(h, what);
  return r.ReadI16(v);
}
inline Status Get(R& r, const H& h, const char* what, int64_t* v) {
  if (h.type != T::kI64 && h.type != T::kI32) return WrongType(h, what);
  return r.ReadI64(v);
}
inline Status Get(R& r, const H& h, const char* what, int8_t* v) {
  if (h.type != T::kByte) return WrongType(h, what);
  return r.ReadByte(v);
}
inline Status Get(R&, const H& h, const char* what, bool* v) {
  if (h.type != T::kBoolTrue && h.type != T::kBoolFalse) return WrongType(h, what);
  *v = h.type == T::kBoolTrue;
  return Status::Ok();
}
inline Status Get(R& r, const H& h, const char* what, std::string* v) {
  if (h.type != T::kBinary) return WrongType(h, what);
  std::string_view s;
  SF_TRY(r.ReadBinary(&s));
  v->assign(s);
  return Status::Ok();
}
template <typename E>
requires std::is_enum_v<E> Status Get(R& r, const H& h, const char* what, E* v) {
  int32_t i = 0;
  SF_TRY(Get(r, h, what, &i));
  *v = static_cast<E>(i);
  return Status::Ok();
}
template <typename V>
inline Status Get(R& r, const H& h, const char* what, std::optional<V>* v) {
  V x{};
  SF_TRY(Get(r, h, what, &x));
  *v = std::move(x);
  return Status::Ok();
}

// Reads a struct: `field(h)` handles the fields it knows and returns false for the others,
// which are skipped. `seen` collects the ids below 64 for required-field checks.
template <typename F>
inline Status ReadStruct(R& r, uint64_t* seen, F field) {
  SF_TRY(r.StructBegin());
  while (true) {
    H h;
    SF_TRY(r.ReadFieldBegin(&h));
    if (h.type == T::kStop) break;
    bool known = false;
    SF_TRY(field(h, &known));
    if (!known) {
      SF_TRY(r.Skip(h.type));
    } else if (h.id >= 0 && h.id < 64) {
      *seen |= uint64_t{1} << h.id;
    }
  }
  r.StructEnd();
  return Status::Ok();
}

inline Status Require(uint64_t seen, std::initializer_list<int> ids, const char* what) {
  for (int id : ids) {
    if ((seen & (uint64_t{1} << id)) == 0) {
      return Corruption(std::string("thrift: ") + what + " lacks required field " +
                        std::to_string(id));
    }
  }
  return Status::Ok();
}

// Reads a list field whose elements `element(i)` reads; `element_bytes` is what one decoded
// element costs in memory, charged against the reader's budget before decoding.
template <typename F>
inline Status ReadList(R& r, const H& h, T expected, const char* what, size_t element_bytes,
                       F element) {
  if (h.type != T::kList) return WrongType(h, what);
  T et = T::kStop;
  uint32_t n = 0;
  SF_TRY(r.ReadListBegin(&et, &n));
  SF_TRY(r.ChargeMemory(uint64_t{n} * element_bytes));
  if (et != expected && !(expected == T::kI64 && et == T::kI32)) {
    return Corruption(std::string("thrift: list of ") + what + " has element type " +
                      std::to_string(static_cast<int>(et)));
  }
  for (uint32_t i = 0; i < n; ++i) SF_TRY(element(i));
  return Status::Ok();
}

template <typename V, typename F>
Result<V> DeserializeTop(std::span<const uint8_t> data, size_t* used, F read) {
  R r(data);
  V value{};
  SF_TRY(read(r, &value));
  if (used != nullptr) *used = r.position();
  return value;
}

// Statistics are shared by ColumnMetaData (footer) and page headers.
void WriteStatistics(W& w, const Statistics& s);
Status ReadStatistics(R& r, Statistics* s);

}  // namespace salesflow::parquet::thrift_codec
