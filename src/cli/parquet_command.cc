#include "cli/parquet_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "parquet/column_batch.h"
#include "parquet/json_scalars.h"
#include "parquet/reader.h"
#include "parquet/row_json.h"

namespace salesflow {
namespace {

using parquet::ColumnBatch;
using parquet::ParquetReader;

// A statistics value (PLAIN bytes without length prefix) as text for `parquet meta`.
std::string StatValue(parquet::Type type, const parquet::Field& field, const std::string& raw) {
  std::string out;
  auto fixed = [&raw](auto zero) {
    decltype(zero) v = zero;
    if (raw.size() == sizeof v) std::memcpy(&v, raw.data(), sizeof v);
    return v;
  };
  switch (type) {
    case parquet::Type::kBoolean:
      return raw.size() == 1 && raw[0] != 0 ? "true" : "false";
    case parquet::Type::kInt32:
      return raw.size() == 4 ? std::to_string(fixed(int32_t{0})) : "?";
    case parquet::Type::kInt64:
      return raw.size() == 8 ? std::to_string(fixed(int64_t{0})) : "?";
    case parquet::Type::kFloat:
      if (raw.size() != 4) return "?";
      parquet::AppendJsonFloat(fixed(0.0f), &out);
      return out;
    case parquet::Type::kDouble:
      if (raw.size() != 8) return "?";
      parquet::AppendJsonDouble(fixed(0.0), &out);
      return out;
    default:
      break;
  }
  const bool text = field.logical ? field.logical->kind == parquet::LogicalType::Kind::kString
                                  : field.converted == parquet::ConvertedType::kUtf8;
  if (text) {
    parquet::AppendJsonString(raw, &out);
  } else {
    parquet::AppendJsonBase64(std::span(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()),
                              &out);
  }
  return out;
}

// Built with fmt::format_to: chains of `"literal" + std::string` trip g++ 12's -O3
// -Wrestrict false positive in the release -Werror build.
std::string FormatMeta(const std::string& path, const ParquetReader& reader) {
  const parquet::FileMetaData& m = reader.metadata();
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "file: {}\ncreated_by: {}\nversion: {}\nnum_rows: {}\n", path,
                 m.created_by.value_or(""), m.version, m.num_rows);
  fmt::format_to(it, "num_row_groups: {}\nnum_columns: {}\n", m.row_groups.size(),
                 reader.schema()->leaves().size());
  if (!m.key_value_metadata.empty()) {
    fmt::format_to(it, "key_value_metadata:");
    for (const parquet::KeyValue& kv : m.key_value_metadata) {
      fmt::format_to(it, " {} ({} bytes)", kv.key, kv.value ? kv.value->size() : 0);
    }
    fmt::format_to(it, "\n");
  }
  const auto& leaves = reader.schema()->leaves();
  for (size_t g = 0; g < m.row_groups.size(); ++g) {
    const parquet::RowGroup& rg = m.row_groups[g];
    fmt::format_to(it, "row group {}: rows {}, uncompressed {} bytes\n", g, rg.num_rows,
                   rg.total_byte_size);
    for (size_t c = 0; c < rg.columns.size() && c < leaves.size(); ++c) {
      if (!rg.columns[c].meta_data) continue;
      const parquet::ColumnMetaData& cm = *rg.columns[c].meta_data;
      fmt::format_to(it, "  {}: {} {} values {}, {} bytes ({} uncompressed), encodings",
                     fmt::join(leaves[c].path, "."), parquet::TypeName(cm.type),
                     parquet::CompressionCodecName(cm.codec), cm.num_values,
                     cm.total_compressed_size, cm.total_uncompressed_size);
      for (parquet::Encoding e : cm.encodings) fmt::format_to(it, " {}", parquet::EncodingName(e));
      if (cm.statistics) {
        const parquet::Statistics& s = *cm.statistics;
        if (s.null_count) fmt::format_to(it, ", nulls {}", *s.null_count);
        const auto& min = s.min_value ? s.min_value : s.min;
        const auto& max = s.max_value ? s.max_value : s.max;
        if (min) fmt::format_to(it, ", min {}", StatValue(cm.type, *leaves[c].field, *min));
        if (max) fmt::format_to(it, ", max {}", StatValue(cm.type, *leaves[c].field, *max));
      }
      fmt::format_to(it, "\n");
    }
  }
  return out;
}

// Prints rows as JSON lines, or tab-separated JSON values under a header line.
Status Cat(const std::string& path, int64_t limit, bool json, std::ostream& os) {
  SF_ASSIGN_OR_RETURN(auto reader, ParquetReader::OpenFile(path));
  parquet::RowPrinter printer(
      os, json ? parquet::RowFormat::kJson : parquet::RowFormat::kTabSeparated, limit);
  std::vector<std::string> names;
  for (const auto& f : reader->schema()->fields()) names.push_back(f.name);
  printer.Header(names);
  ColumnBatch batch;
  for (int g = 0; g < reader->num_row_groups() && !printer.done(); ++g) {
    SF_RETURN_IF_ERROR(reader->ReadRowGroup(g, &batch));
    printer.Print(batch);
  }
  os.flush();
  return Status::Ok();
}

}  // namespace

void RegisterParquetCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("parquet", "inspect Parquet files");
  group->require_subcommand(1);
  struct Options {
    std::string file;
    int64_t limit = -1;
    bool json = false;
  };
  auto options = std::make_shared<Options>();

  Command& schema = ctx.AddCommand(*group, "schema", "print the schema of a Parquet file");
  schema.app().add_option("file", options->file, "Parquet file")->required();
  schema.Run([&ctx, options](const Config&) -> Status {
    SF_ASSIGN_OR_RETURN(auto reader, ParquetReader::OpenFile(options->file));
    ctx.out() << reader->schema()->ToString();
    ctx.out().flush();
    return Status::Ok();
  });

  Command& meta = ctx.AddCommand(*group, "meta",
                                 "print the footer: row groups, column chunks, codecs, statistics");
  meta.app().add_option("file", options->file, "Parquet file")->required();
  meta.Run([&ctx, options](const Config&) -> Status {
    SF_ASSIGN_OR_RETURN(auto reader, ParquetReader::OpenFile(options->file));
    ctx.out() << FormatMeta(options->file, *reader);
    ctx.out().flush();
    return Status::Ok();
  });

  Command& cat = ctx.AddCommand(*group, "cat", "print the rows of a Parquet file");
  cat.app().add_option("file", options->file, "Parquet file")->required();
  cat.app().add_option("--limit", options->limit, "print at most N rows")->type_name("N");
  cat.app().add_flag("--json", options->json, "one JSON object per row");
  cat.Run([&ctx, options](const Config&) -> Status {
    if (options->limit < -1) return InvalidArgument("--limit must be >= 0");
    return Cat(options->file, options->limit, options->json, ctx.out());
  });
}

}  // namespace salesflow
