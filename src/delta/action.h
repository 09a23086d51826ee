#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace salesflow::delta {

// A JSON object of string values in the order it was read or built ("partitionValues",
// "configuration", "tags"). Order is kept so a re-written action reads the same.
using StringMap = std::vector<std::pair<std::string, std::string>>;
// Like StringMap, but a value may be JSON null (partition values of null partitions).
using NullableStringMap = std::vector<std::pair<std::string, std::optional<std::string>>>;

// Looks `key` up in a map of either kind; nullptr when absent.
const std::string* FindValue(const StringMap& map, std::string_view key);

// protocol: the reader/writer versions and features a client needs.
struct Protocol {
  int32_t min_reader_version = 1;                           // minReaderVersion
  int32_t min_writer_version = 2;                           // minWriterVersion
  std::optional<std::vector<std::string>> reader_features;  // readerFeatures (reader v3)
  std::optional<std::vector<std::string>> writer_features;  // writerFeatures (writer v7)
  friend bool operator==(const Protocol&, const Protocol&) = default;
};

// metaData.format: the data file format.
struct Format {
  std::string provider = "parquet";  // always "parquet" in practice
  StringMap options;                 // format options (empty)
  friend bool operator==(const Format&, const Format&) = default;
};

// metaData: table identity, schema, partitioning and properties.
struct Metadata {
  std::string id;                              // unique table id (UUID)
  std::optional<std::string> name;             // user-facing name
  std::optional<std::string> description;      // user-facing description
  Format format;                               // data file format
  std::string schema_string;                   // Spark JSON schema (schema_json.h)
  std::vector<std::string> partition_columns;  // partition column names, in order
  StringMap configuration;                     // table properties ("delta.appendOnly", ...)
  std::optional<int64_t> created_time;         // ms since epoch
  friend bool operator==(const Metadata&, const Metadata&) = default;
};

// deletionVector descriptor of an add/remove; only its identity matters to the log.
struct DeletionVector {
  std::string storage_type;       // storageType: "u", "i" or "p"
  std::string path_or_inline_dv;  // pathOrInlineDv
  std::optional<int32_t> offset;  // offset
  int32_t size_in_bytes = 0;      // sizeInBytes
  int64_t cardinality = 0;        // cardinality
  // storageType + pathOrInlineDv (+ "@" offset): the protocol's unique id.
  std::string UniqueId() const;
  friend bool operator==(const DeletionVector&, const DeletionVector&) = default;
};

// add: a data file that joins the table.
struct AddFile {
  std::string path;                    // URI-encoded, relative to the table root or absolute
  NullableStringMap partition_values;  // partition column -> value (null for null)
  int64_t size = 0;                    // bytes
  int64_t modification_time = 0;       // ms since epoch
  bool data_change = true;             // false for compaction (rows unchanged)
  std::optional<std::string> stats;    // stats JSON text (stats_json.h)
  std::optional<StringMap> tags;       // free-form tags
  std::optional<DeletionVector> deletion_vector;      // deletionVector (read only)
  std::optional<int64_t> base_row_id;                 // baseRowId (row tracking; read only)
  std::optional<int64_t> default_row_commit_version;  // defaultRowCommitVersion (read only)
  friend bool operator==(const AddFile&, const AddFile&) = default;
};

// remove: a data file that leaves the table (a tombstone until vacuum).
struct RemoveFile {
  std::string path;                                   // as in the add it removes
  std::optional<int64_t> deletion_timestamp;          // ms since epoch
  bool data_change = true;                            // false for compaction
  std::optional<bool> extended_file_metadata;         // true when the fields below are present
  std::optional<NullableStringMap> partition_values;  // copied from the add
  std::optional<int64_t> size;                        // copied from the add
  std::optional<StringMap> tags;                      // copied from the add
  std::optional<DeletionVector> deletion_vector;      // the DV of the removed (path, dv) pair
  std::optional<std::string> stats;                   // copied from the add (newer Spark)
  friend bool operator==(const RemoveFile&, const RemoveFile&) = default;
};

// txn (SetTransaction): the last version an application committed; idempotent writes.
struct Txn {
  std::string app_id;                   // appId
  int64_t version = 0;                  // application-defined, e.g. a Kafka offset
  std::optional<int64_t> last_updated;  // ms since epoch
  friend bool operator==(const Txn&, const Txn&) = default;
};

// commitInfo: provenance; engines do not interpret it (except inCommitTimestamp).
struct CommitInfo {
  std::optional<int64_t> in_commit_timestamp;  // inCommitTimestamp (first action when enabled)
  std::optional<int64_t> timestamp;            // ms since epoch
  std::optional<std::string> operation;        // "WRITE", "CREATE TABLE", "OPTIMIZE", ...
  // operationParameters: values as raw JSON text (Spark writes strings, others any type).
  std::optional<std::vector<std::pair<std::string, std::string>>> operation_parameters;
  std::optional<int64_t> read_version;         // readVersion
  std::optional<std::string> isolation_level;  // isolationLevel
  std::optional<bool> is_blind_append;         // isBlindAppend
  std::optional<StringMap> operation_metrics;  // operationMetrics (numbers as strings)
  std::optional<std::string> engine_info;      // "salesflow/<version>"
  std::optional<std::string> txn_id;           // txnId
  // Members we do not model, as (name, raw JSON) in order; kept so nothing is lost.
  std::vector<std::pair<std::string, std::string>> other;
  friend bool operator==(const CommitInfo&, const CommitInfo&) = default;
};

// domainMetadata: a named configuration blob of a feature (read and kept, never interpreted).
struct DomainMetadata {
  std::string domain;         // domain name
  std::string configuration;  // JSON text
  bool removed = false;       // tombstone
  friend bool operator==(const DomainMetadata&, const DomainMetadata&) = default;
};

// Any action we do not model (cdc, checkpointMetadata, sidecar, unknown future ones): kept as
// its key and raw JSON so readers skip it and tools can still show it.
struct OtherAction {
  std::string key;       // the action's key, e.g. "cdc"
  std::string raw_json;  // its value
  friend bool operator==(const OtherAction&, const OtherAction&) = default;
};

// One line of a commit file.
using Action = std::variant<Protocol, Metadata, AddFile, RemoveFile, Txn, CommitInfo,
                            DomainMetadata, OtherAction>;

// Identity of a logical file in a snapshot: the decoded path plus the DV unique id.
std::string FileKey(std::string_view decoded_path, const std::optional<DeletionVector>& dv);

}  // namespace salesflow::delta
