#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "delta/action.h"

namespace salesflow::delta {

// Directory value of a null (or empty) partition value, as Hive and Spark write it.
inline constexpr std::string_view kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Hive-style escaping of a partition column name or value in a directory name: control
// characters, '"' '#' '%' '\'' '*' '/' ':' '=' '?' '\\' DEL '{' '[' ']' '^' become %XX
// (upper-case hex), exactly Spark's ExternalCatalogUtils.escapePathName.
std::string EscapePartitionPathPart(std::string_view text);
// Reverses EscapePartitionPathPart (%XX with valid hex digits decoded, the rest kept).
std::string UnescapePartitionPathPart(std::string_view text);

// "col1=v1/col2=v2/" for the given columns (in partitionColumns order) and values; null
// values become __HIVE_DEFAULT_PARTITION__. Empty for an unpartitioned table.
std::string PartitionDirectory(const std::vector<std::string>& columns,
                               const NullableStringMap& values);

// Encodes a relative file path for add.path / remove.path as Spark does through java.net.URI:
// '%' ' ' '#' '?' '"' '<' '>' '\\' '^' '`' '{' '|' '}' '[' ']' and control characters become
// %XX; letters, digits, "/_-.!~'()*,;:$&+=@" and non-ASCII UTF-8 stay as they are.
std::string UriEncodePath(std::string_view path);
// Decodes %XX escapes of add.path; Corruption for a truncated or non-hex escape.
Result<std::string> UriDecodePath(std::string_view path);

// The path identity used to match adds and removes: URI-decoded, with "file:" / "file://"
// prefixes of absolute local paths dropped, so "file:/a/b", "file:///a/b" and "/a/b" agree.
Result<std::string> CanonicalFilePath(std::string_view add_path);

}  // namespace salesflow::delta
