#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "parquet/file_metadata.h"

namespace salesflow::parquet {

// Thrift compact encoding of the footer and page headers. Decoders skip fields they do not
// know, check the types of those they do, insist on the fields parquet.thrift marks required
// that we rely on, and stay bounded on hostile input (see ThriftCompactReader).

// Appends the encoding of `value` to `out`.
void SerializeFileMetaData(const FileMetaData& value, std::vector<uint8_t>* out);
void SerializePageHeader(const PageHeader& value, std::vector<uint8_t>* out);
void SerializeColumnMetaData(const ColumnMetaData& value, std::vector<uint8_t>* out);
void SerializeStatistics(const Statistics& value, std::vector<uint8_t>* out);

// Decodes a footer (the bytes between the data and the 4-byte length + "PAR1").
Result<FileMetaData> DeserializeFileMetaData(std::span<const uint8_t> data);

// Decodes a page header from the start of `data`; `*header_size` receives the bytes it used
// (the page's data follows them).
Result<PageHeader> DeserializePageHeader(std::span<const uint8_t> data, size_t* header_size);

// Decodes a standalone ColumnMetaData or Statistics (tests, and ColumnChunk internals).
Result<ColumnMetaData> DeserializeColumnMetaData(std::span<const uint8_t> data);
Result<Statistics> DeserializeStatistics(std::span<const uint8_t> data);

}  // namespace salesflow::parquet
