#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/compression.h"

namespace salesflow::parquet {

// The parquet.thrift structures salesflow reads and writes (apache/parquet-format), as plain
// C++ values. Optional thrift fields are std::optional so a decoded footer re-encodes to the
// same bytes. Enum values are the thrift numbers; decoded numbers we do not know are kept
// as-is (an enum class with a fixed underlying type holds any int32), callers validate.
// Serialization lives in file_metadata_thrift.h.

// Physical storage types.
enum class Type : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

// Legacy logical annotations; writers set them beside LogicalType for old readers.
enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

// Whether a field may be absent (optional) or repeated.
enum class FieldRepetitionType : int32_t {
  kRequired = 0,
  kOptional = 1,
  kRepeated = 2,
};

// Value and level encodings.
enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

// Kinds of pages.
enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

// Resolution of TIME and TIMESTAMP values.
enum class TimeUnit : int32_t { kMillis = 1, kMicros = 2, kNanos = 3 };

// The LogicalType union; `kind` is the union's field id, the other members hold the
// parameters of the kinds that have some.
struct LogicalType {
  // Union member ids of parquet.thrift.
  enum class Kind : int16_t {
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,  // NullType: always-null column
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
    kVariant = 16,
    kGeometry = 17,
    kGeography = 18,
  };
  Kind kind = Kind::kString;          // which member of the union is set
  int32_t scale = 0;                  // DECIMAL
  int32_t precision = 0;              // DECIMAL
  bool is_adjusted_to_utc = false;    // TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::kMicros;  // TIME, TIMESTAMP
  int8_t bit_width = 0;               // INTEGER: 8, 16, 32 or 64
  bool is_signed = true;              // INTEGER

  static LogicalType String() { return {.kind = Kind::kString}; }
  static LogicalType Date() { return {.kind = Kind::kDate}; }
  static LogicalType Timestamp(bool utc, TimeUnit unit) {
    return {.kind = Kind::kTimestamp, .is_adjusted_to_utc = utc, .unit = unit};
  }
  static LogicalType Decimal(int32_t precision, int32_t scale) {
    return {.kind = Kind::kDecimal, .scale = scale, .precision = precision};
  }
  static LogicalType Integer(int8_t bit_width, bool is_signed) {
    return {.kind = Kind::kInteger, .bit_width = bit_width, .is_signed = is_signed};
  }
  static LogicalType List() { return {.kind = Kind::kList}; }
  static LogicalType Map() { return {.kind = Kind::kMap}; }

  friend bool operator==(const LogicalType&, const LogicalType&) = default;
};

// Column chunk or page statistics; min_value/max_value are PLAIN-encoded values (without a
// length prefix for BYTE_ARRAY) ordered by the column order; min/max are the deprecated
// signed-order fields.
struct Statistics {
  std::optional<std::string> max;          // 1 (deprecated)
  std::optional<std::string> min;          // 2 (deprecated)
  std::optional<int64_t> null_count;       // 3
  std::optional<int64_t> distinct_count;   // 4
  std::optional<std::string> max_value;    // 5
  std::optional<std::string> min_value;    // 6
  std::optional<bool> is_max_value_exact;  // 7
  std::optional<bool> is_min_value_exact;  // 8

  friend bool operator==(const Statistics&, const Statistics&) = default;
};

// One node of the flattened schema (depth-first, groups announce their num_children).
struct SchemaElement {
  std::optional<Type> type;                            // 1: set for leaves only
  std::optional<int32_t> type_length;                  // 2: FIXED_LEN_BYTE_ARRAY width
  std::optional<FieldRepetitionType> repetition_type;  // 3: absent for the root
  std::string name;                                    // 4
  std::optional<int32_t> num_children;                 // 5: set for groups only
  std::optional<ConvertedType> converted_type;         // 6
  std::optional<int32_t> scale;                        // 7
  std::optional<int32_t> precision;                    // 8
  std::optional<int32_t> field_id;                     // 9
  std::optional<LogicalType> logical_type;             // 10

  friend bool operator==(const SchemaElement&, const SchemaElement&) = default;
};

// Free-form key/value metadata (e.g. pyarrow's ARROW:schema).
struct KeyValue {
  std::string key;                   // 1
  std::optional<std::string> value;  // 2

  friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

// How many pages of a chunk use an encoding.
struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;  // 1
  Encoding encoding = Encoding::kPlain;      // 2
  int32_t count = 0;                         // 3

  friend bool operator==(const PageEncodingStats&, const PageEncodingStats&) = default;
};

// Sizes and level histograms of a chunk (parquet-format 2.10; pyarrow writes it).
struct SizeStatistics {
  std::optional<int64_t> unencoded_byte_array_data_bytes;  // 1
  std::vector<int64_t> repetition_level_histogram;         // 2 (absent when empty)
  std::vector<int64_t> definition_level_histogram;         // 3 (absent when empty)
  bool has_repetition_level_histogram = false;             // distinguishes absent from empty
  bool has_definition_level_histogram = false;             // distinguishes absent from empty

  friend bool operator==(const SizeStatistics&, const SizeStatistics&) = default;
};

// Metadata of one column chunk.
struct ColumnMetaData {
  Type type = Type::kInt32;                                  // 1
  std::vector<Encoding> encodings;                           // 2
  std::vector<std::string> path_in_schema;                   // 3
  CompressionCodec codec = CompressionCodec::kUncompressed;  // 4
  int64_t num_values = 0;                                    // 5: level count, nulls included
  int64_t total_uncompressed_size = 0;                       // 6: pages with their headers
  int64_t total_compressed_size = 0;                         // 7: pages with their headers
  std::vector<KeyValue> key_value_metadata;                  // 8 (absent when empty)
  int64_t data_page_offset = 0;                              // 9
  std::optional<int64_t> index_page_offset;                  // 10
  std::optional<int64_t> dictionary_page_offset;             // 11
  std::optional<Statistics> statistics;                      // 12
  std::vector<PageEncodingStats> encoding_stats;             // 13 (absent when empty)
  std::optional<int64_t> bloom_filter_offset;                // 14
  std::optional<int32_t> bloom_filter_length;                // 15
  std::optional<SizeStatistics> size_statistics;             // 16
  bool has_key_value_metadata = false;  // distinguishes an absent list from an empty one
  bool has_encoding_stats = false;      // distinguishes an absent list from an empty one

  friend bool operator==(const ColumnMetaData&, const ColumnMetaData&) = default;
};

// One column of one row group.
struct ColumnChunk {
  std::optional<std::string> file_path;        // 1: chunks in another file (we refuse them)
  int64_t file_offset = 0;                     // 2 (deprecated)
  std::optional<ColumnMetaData> meta_data;     // 3
  std::optional<int64_t> offset_index_offset;  // 4
  std::optional<int32_t> offset_index_length;  // 5
  std::optional<int64_t> column_index_offset;  // 6
  std::optional<int32_t> column_index_length;  // 7
  bool has_crypto_metadata = false;            // 8/9: encrypted columns (we refuse them)

  friend bool operator==(const ColumnChunk&, const ColumnChunk&) = default;
};

// A column a row group is sorted by.
struct SortingColumn {
  int32_t column_idx = 0;    // 1
  bool descending = false;   // 2
  bool nulls_first = false;  // 3

  friend bool operator==(const SortingColumn&, const SortingColumn&) = default;
};

// A horizontal slice of the file.
struct RowGroup {
  std::vector<ColumnChunk> columns;              // 1
  int64_t total_byte_size = 0;                   // 2: uncompressed
  int64_t num_rows = 0;                          // 3
  std::vector<SortingColumn> sorting_columns;    // 4 (absent when empty)
  std::optional<int64_t> file_offset;            // 5
  std::optional<int64_t> total_compressed_size;  // 6
  std::optional<int16_t> ordinal;                // 7
  bool has_sorting_columns = false;              // distinguishes an absent list from an empty one

  friend bool operator==(const RowGroup&, const RowGroup&) = default;
};

// ColumnOrder union: only TYPE_ORDER (id 1) exists; other ids are kept for re-encoding.
struct ColumnOrder {
  int16_t kind = 1;  // 1 = TypeDefinedOrder

  friend bool operator==(const ColumnOrder&, const ColumnOrder&) = default;
};

// The footer.
struct FileMetaData {
  int32_t version = 2;                       // 1
  std::vector<SchemaElement> schema;         // 2: root first, depth-first
  int64_t num_rows = 0;                      // 3
  std::vector<RowGroup> row_groups;          // 4
  std::vector<KeyValue> key_value_metadata;  // 5 (absent when empty)
  std::optional<std::string> created_by;     // 6
  std::vector<ColumnOrder> column_orders;    // 7 (absent when empty)
  bool has_key_value_metadata = false;       // distinguishes an absent list from an empty one
  bool has_column_orders = false;            // distinguishes an absent list from an empty one
  bool has_encryption_algorithm = false;     // 8: encrypted footers (we refuse them)

  friend bool operator==(const FileMetaData&, const FileMetaData&) = default;
};

// Header of a DATA_PAGE (V1).
struct DataPageHeader {
  int32_t num_values = 0;                               // 1: levels, nulls included
  Encoding encoding = Encoding::kPlain;                 // 2
  Encoding definition_level_encoding = Encoding::kRle;  // 3
  Encoding repetition_level_encoding = Encoding::kRle;  // 4
  std::optional<Statistics> statistics;                 // 5

  friend bool operator==(const DataPageHeader&, const DataPageHeader&) = default;
};

// Header of a DICTIONARY_PAGE.
struct DictionaryPageHeader {
  int32_t num_values = 0;                // 1
  Encoding encoding = Encoding::kPlain;  // 2
  std::optional<bool> is_sorted;         // 3

  friend bool operator==(const DictionaryPageHeader&, const DictionaryPageHeader&) = default;
};

// Header of a DATA_PAGE_V2: levels are stored uncompressed before the values.
struct DataPageHeaderV2 {
  int32_t num_values = 0;                     // 1
  int32_t num_nulls = 0;                      // 2
  int32_t num_rows = 0;                       // 3
  Encoding encoding = Encoding::kPlain;       // 4
  int32_t definition_levels_byte_length = 0;  // 5
  int32_t repetition_levels_byte_length = 0;  // 6
  std::optional<bool> is_compressed;          // 7: absent means true
  std::optional<Statistics> statistics;       // 8

  friend bool operator==(const DataPageHeaderV2&, const DataPageHeaderV2&) = default;
};

// The header before every page.
struct PageHeader {
  PageType type = PageType::kDataPage;                         // 1
  int32_t uncompressed_page_size = 0;                          // 2
  int32_t compressed_page_size = 0;                            // 3
  std::optional<int32_t> crc;                                  // 4
  std::optional<DataPageHeader> data_page_header;              // 5
  std::optional<DictionaryPageHeader> dictionary_page_header;  // 7
  std::optional<DataPageHeaderV2> data_page_header_v2;         // 8

  friend bool operator==(const PageHeader&, const PageHeader&) = default;
};

// "INT64", "BYTE_ARRAY", ... as parquet.thrift spells them.
std::string_view TypeName(Type type);
// "UTF8", "DECIMAL", ...
std::string_view ConvertedTypeName(ConvertedType type);
// "PLAIN", "RLE_DICTIONARY", ...
std::string_view EncodingName(Encoding encoding);
// "REQUIRED", "OPTIONAL", "REPEATED".
std::string_view RepetitionName(FieldRepetitionType repetition);
// "STRING", "DECIMAL(18,2)", "TIMESTAMP(MICROS,true)", "INTEGER(16,true)", ...
std::string LogicalTypeToString(const LogicalType& type);

}  // namespace salesflow::parquet
