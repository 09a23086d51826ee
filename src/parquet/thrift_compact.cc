#include "parquet/thrift_compact.h"

#include <cstring>
#include <string>

#include "base/check.h"

namespace salesflow::parquet {

namespace {

bool IsKnownType(uint8_t t) {
  return t <= static_cast<uint8_t>(ThriftType::kStruct);
}

}  // namespace

// ---- writer ----

void ThriftCompactWriter::Varint(uint64_t v) {
  while (v >= 0x80) {
    out_->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_->push_back(static_cast<uint8_t>(v));
}

void ThriftCompactWriter::FieldHeader(uint8_t type, int16_t id) {
  int16_t& last = last_ids_.back();
  int delta = id - last;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<uint8_t>((delta << 4) | type));
  } else {
    out_->push_back(type);
    Varint(ZigZag32(id));
  }
  last = id;
}

void ThriftCompactWriter::StructBegin() {
  last_ids_.push_back(0);
}

void ThriftCompactWriter::StructEnd() {
  out_->push_back(static_cast<uint8_t>(ThriftType::kStop));
  SF_CHECK(last_ids_.size() > 1);
  last_ids_.pop_back();
}

void ThriftCompactWriter::FieldBegin(ThriftType type, int16_t id) {
  FieldHeader(static_cast<uint8_t>(type), id);
}

void ThriftCompactWriter::FieldBool(int16_t id, bool value) {
  FieldHeader(static_cast<uint8_t>(value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse), id);
}

void ThriftCompactWriter::FieldByte(int16_t id, int8_t value) {
  FieldBegin(ThriftType::kByte, id);
  out_->push_back(static_cast<uint8_t>(value));
}

void ThriftCompactWriter::FieldI32(int16_t id, int32_t value) {
  FieldBegin(ThriftType::kI32, id);
  I32(value);
}

void ThriftCompactWriter::FieldI64(int16_t id, int64_t value) {
  FieldBegin(ThriftType::kI64, id);
  I64(value);
}

void ThriftCompactWriter::FieldDouble(int16_t id, double value) {
  FieldBegin(ThriftType::kDouble, id);
  uint8_t bytes[8];
  std::memcpy(bytes, &value, 8);  // little-endian host, as the protocol wants
  out_->insert(out_->end(), bytes, bytes + 8);
}

void ThriftCompactWriter::FieldBinary(int16_t id, std::string_view value) {
  FieldBegin(ThriftType::kBinary, id);
  Binary(value);
}

void ThriftCompactWriter::FieldStructBegin(int16_t id) {
  FieldBegin(ThriftType::kStruct, id);
  StructBegin();
}

void ThriftCompactWriter::FieldListBegin(int16_t id, ThriftType element_type, size_t size) {
  FieldBegin(ThriftType::kList, id);
  ListBegin(element_type, size);
}

void ThriftCompactWriter::ListBegin(ThriftType element_type, size_t size) {
  uint8_t t = static_cast<uint8_t>(element_type);
  // Bool elements use type 1 in list headers (parquet-mr, Arrow and Thrift all do).
  if (element_type == ThriftType::kBoolFalse) t = static_cast<uint8_t>(ThriftType::kBoolTrue);
  if (size < 15) {
    out_->push_back(static_cast<uint8_t>((size << 4) | t));
  } else {
    out_->push_back(static_cast<uint8_t>(0xF0 | t));
    Varint(size);
  }
}

void ThriftCompactWriter::Binary(std::string_view value) {
  Varint(value.size());
  out_->insert(out_->end(), value.begin(), value.end());
}

void ThriftCompactWriter::Bool(bool value) {
  out_->push_back(value ? 1 : 2);
}

// ---- reader ----

Status ThriftCompactReader::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return Corruption("thrift: varint runs past the end");
    uint8_t b = data_[pos_++];
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *value = result;
      return Status::Ok();
    }
  }
  return Corruption("thrift: varint longer than 10 bytes");
}

Status ThriftCompactReader::StructBegin() {
  if (last_ids_.size() >= static_cast<size_t>(kMaxDepth)) {
    return Corruption("thrift: structs nested deeper than " + std::to_string(kMaxDepth));
  }
  last_ids_.push_back(0);
  return Status::Ok();
}

void ThriftCompactReader::StructEnd() {
  if (!last_ids_.empty()) last_ids_.pop_back();
}

Status ThriftCompactReader::ReadFieldBegin(ThriftFieldHeader* header) {
  if (pos_ >= data_.size()) return Corruption("thrift: struct runs past the end");
  uint8_t b = data_[pos_++];
  uint8_t type = b & 0x0F;
  if (type == 0) {
    if (b != 0) return Corruption("thrift: malformed stop byte");
    header->type = ThriftType::kStop;
    header->id = 0;
    return Status::Ok();
  }
  if (!IsKnownType(type)) return Corruption("thrift: unknown field type " + std::to_string(type));
  int16_t id = 0;
  int delta = b >> 4;
  int16_t last = last_ids_.empty() ? 0 : last_ids_.back();
  if (delta != 0) {
    id = static_cast<int16_t>(last + delta);
  } else {
    SF_RETURN_IF_ERROR(ReadI16(&id));
  }
  if (!last_ids_.empty()) last_ids_.back() = id;
  header->type = static_cast<ThriftType>(type);
  header->id = id;
  return Status::Ok();
}

Status ThriftCompactReader::ReadListBegin(ThriftType* element_type, uint32_t* size) {
  if (pos_ >= data_.size()) return Corruption("thrift: list header past the end");
  uint8_t b = data_[pos_++];
  uint8_t type = b & 0x0F;
  uint64_t n = b >> 4;
  if (n == 15) SF_RETURN_IF_ERROR(ReadVarint(&n));
  if (!IsKnownType(type) || type == 0) {
    return Corruption("thrift: unknown list element type " + std::to_string(type));
  }
  // Every element takes at least one byte, so a count beyond the bytes left is a lie.
  if (n > remaining()) return Corruption("thrift: list of " + std::to_string(n) + " elements");
  *element_type = static_cast<ThriftType>(type == 2 ? 1 : type);
  *size = static_cast<uint32_t>(n);
  return Status::Ok();
}

Status ThriftCompactReader::ChargeMemory(uint64_t bytes) {
  if (bytes > memory_budget_) {
    return Corruption("thrift: decoding would allocate more than " +
                      std::to_string(memory_budget_) + " further bytes");
  }
  memory_budget_ -= bytes;
  return Status::Ok();
}

Status ThriftCompactReader::ReadByte(int8_t* value) {
  if (pos_ >= data_.size()) return Corruption("thrift: byte past the end");
  *value = static_cast<int8_t>(data_[pos_++]);
  return Status::Ok();
}

Status ThriftCompactReader::ReadI16(int16_t* value) {
  int32_t v = 0;
  SF_RETURN_IF_ERROR(ReadI32(&v));
  if (v < INT16_MIN || v > INT16_MAX) return Corruption("thrift: i16 out of range");
  *value = static_cast<int16_t>(v);
  return Status::Ok();
}

Status ThriftCompactReader::ReadI32(int32_t* value) {
  uint64_t u = 0;
  SF_RETURN_IF_ERROR(ReadVarint(&u));
  if (u > UINT32_MAX) return Corruption("thrift: i32 varint out of range");
  uint32_t z = static_cast<uint32_t>(u);
  *value = static_cast<int32_t>((z >> 1) ^ (~(z & 1) + 1));
  return Status::Ok();
}

Status ThriftCompactReader::ReadI64(int64_t* value) {
  uint64_t z = 0;
  SF_RETURN_IF_ERROR(ReadVarint(&z));
  *value = static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  return Status::Ok();
}

Status ThriftCompactReader::ReadDouble(double* value) {
  if (remaining() < 8) return Corruption("thrift: double past the end");
  std::memcpy(value, data_.data() + pos_, 8);
  pos_ += 8;
  return Status::Ok();
}

Status ThriftCompactReader::ReadBinary(std::string_view* value) {
  uint64_t n = 0;
  SF_RETURN_IF_ERROR(ReadVarint(&n));
  if (n > remaining()) {
    return Corruption("thrift: binary of " + std::to_string(n) + " bytes, " +
                      std::to_string(remaining()) + " left");
  }
  *value = std::string_view(reinterpret_cast<const char*>(data_.data() + pos_), n);
  pos_ += n;
  return Status::Ok();
}

Status ThriftCompactReader::ReadBool(bool* value) {
  if (pos_ >= data_.size()) return Corruption("thrift: bool past the end");
  *value = data_[pos_++] == 1;
  return Status::Ok();
}

Status ThriftCompactReader::Skip(ThriftType type) {
  return SkipDepth(type, static_cast<int>(last_ids_.size()));
}

Status ThriftCompactReader::SkipDepth(ThriftType type, int depth) {
  if (depth >= kMaxDepth) return Corruption("thrift: values nested too deep");
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::Ok();  // a bool field's value lives in its header
    case ThriftType::kByte: {
      int8_t v = 0;
      return ReadByte(&v);
    }
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: {
      uint64_t v = 0;
      return ReadVarint(&v);
    }
    case ThriftType::kDouble: {
      double v = 0;
      return ReadDouble(&v);
    }
    case ThriftType::kBinary: {
      std::string_view v;
      return ReadBinary(&v);
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftType et = ThriftType::kStop;
      uint32_t n = 0;
      SF_RETURN_IF_ERROR(ReadListBegin(&et, &n));
      for (uint32_t i = 0; i < n; ++i) {
        if (et == ThriftType::kBoolTrue) {
          bool b = false;
          SF_RETURN_IF_ERROR(ReadBool(&b));
        } else {
          SF_RETURN_IF_ERROR(SkipDepth(et, depth + 1));
        }
      }
      return Status::Ok();
    }
    case ThriftType::kMap: {
      uint64_t n = 0;
      SF_RETURN_IF_ERROR(ReadVarint(&n));
      if (n == 0) return Status::Ok();
      if (pos_ >= data_.size()) return Corruption("thrift: map header past the end");
      uint8_t kv = data_[pos_++];
      if (n > remaining()) return Corruption("thrift: map of " + std::to_string(n) + " entries");
      auto kt = static_cast<ThriftType>(kv >> 4);
      auto vt = static_cast<ThriftType>(kv & 0x0F);
      if (!IsKnownType(kv >> 4) || !IsKnownType(kv & 0x0F) || (kv >> 4) == 0 || (kv & 0xF) == 0) {
        return Corruption("thrift: bad map element types");
      }
      for (uint64_t i = 0; i < n; ++i) {
        for (ThriftType t : {kt, vt}) {
          if (t == ThriftType::kBoolTrue || t == ThriftType::kBoolFalse) {
            bool b = false;
            SF_RETURN_IF_ERROR(ReadBool(&b));
          } else {
            SF_RETURN_IF_ERROR(SkipDepth(t, depth + 1));
          }
        }
      }
      return Status::Ok();
    }
    case ThriftType::kStruct: {
      SF_RETURN_IF_ERROR(StructBegin());
      while (true) {
        ThriftFieldHeader h;
        SF_RETURN_IF_ERROR(ReadFieldBegin(&h));
        if (h.type == ThriftType::kStop) break;
        SF_RETURN_IF_ERROR(SkipDepth(h.type, depth + 1));
      }
      StructEnd();
      return Status::Ok();
    }
    case ThriftType::kStop:
      break;
  }
  return Corruption("thrift: cannot skip type " + std::to_string(static_cast<int>(type)));
}

}  // namespace salesflow::parquet
