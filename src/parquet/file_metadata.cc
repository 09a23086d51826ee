#include "parquet/file_metadata.h"

#include <string>

namespace salesflow::parquet {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kBoolean:
      return "BOOLEAN";
    case Type::kInt32:
      return "INT32";
    case Type::kInt64:
      return "INT64";
    case Type::kInt96:
      return "INT96";
    case Type::kFloat:
      return "FLOAT";
    case Type::kDouble:
      return "DOUBLE";
    case Type::kByteArray:
      return "BYTE_ARRAY";
    case Type::kFixedLenByteArray:
      return "FIXED_LEN_BYTE_ARRAY";
  }
  return "TYPE(?)";
}

std::string_view ConvertedTypeName(ConvertedType type) {
  static constexpr std::string_view kNames[] = {"UTF8",
                                                "MAP",
                                                "MAP_KEY_VALUE",
                                                "LIST",
                                                "ENUM",
                                                "DECIMAL",
                                                "DATE",
                                                "TIME_MILLIS",
                                                "TIME_MICROS",
                                                "TIMESTAMP_MILLIS",
                                                "TIMESTAMP_MICROS",
                                                "UINT_8",
                                                "UINT_16",
                                                "UINT_32",
                                                "UINT_64",
                                                "INT_8",
                                                "INT_16",
                                                "INT_32",
                                                "INT_64",
                                                "JSON",
                                                "BSON",
                                                "INTERVAL"};
  auto i = static_cast<int32_t>(type);
  if (i < 0 || i >= static_cast<int32_t>(std::size(kNames))) return "CONVERTED(?)";
  return kNames[i];
}

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain:
      return "PLAIN";
    case Encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case Encoding::kRle:
      return "RLE";
    case Encoding::kBitPacked:
      return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
  }
  return "ENCODING(?)";
}

std::string_view RepetitionName(FieldRepetitionType repetition) {
  switch (repetition) {
    case FieldRepetitionType::kRequired:
      return "REQUIRED";
    case FieldRepetitionType::kOptional:
      return "OPTIONAL";
    case FieldRepetitionType::kRepeated:
      return "REPEATED";
  }
  return "REPETITION(?)";
}

namespace {

std::string_view UnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillis:
      return "MILLIS";
    case TimeUnit::kMicros:
      return "MICROS";
    case TimeUnit::kNanos:
      return "NANOS";
  }
  return "UNIT(?)";
}

}  // namespace

std::string LogicalTypeToString(const LogicalType& type) {
  using K = LogicalType::Kind;
  switch (type.kind) {
    case K::kString:
      return "STRING";
    case K::kMap:
      return "MAP";
    case K::kList:
      return "LIST";
    case K::kEnum:
      return "ENUM";
    case K::kDecimal:
      return "DECIMAL(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case K::kDate:
      return "DATE";
    case K::kTime:
    case K::kTimestamp:
      return std::string(type.kind == K::kTime ? "TIME(" : "TIMESTAMP(") +
             std::string(UnitName(type.unit)) + "," + (type.is_adjusted_to_utc ? "true" : "false") +
             ")";
    case K::kInteger:
      return "INTEGER(" + std::to_string(type.bit_width) + "," +
             (type.is_signed ? "true" : "false") + ")";
    case K::kUnknown:
      return "UNKNOWN";
    case K::kJson:
      return "JSON";
    case K::kBson:
      return "BSON";
    case K::kUuid:
      return "UUID";
    case K::kFloat16:
      return "FLOAT16";
    case K::kVariant:
      return "VARIANT";
    case K::kGeometry:
      return "GEOMETRY";
    case K::kGeography:
      return "GEOGRAPHY";
  }
  return "LOGICAL(" + std::to_string(static_cast<int>(type.kind)) + ")";
}

}  // namespace salesflow::parquet
