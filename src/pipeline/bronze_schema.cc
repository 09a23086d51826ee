#include "pipeline/bronze_schema.h"

#include <fmt/format.h>

#include <utility>

#include "base/check.h"
#include "delta/checkpoint_writer.h"
#include "delta/column_parquet_field.h"
#include "delta/schema_json.h"
#include "delta/transaction.h"

namespace salesflow::pipeline {
namespace {

using delta::DataType;

delta::StructField Col(const char* name, DataType type, bool nullable) {
  return delta::StructField{name, std::move(type), nullable};
}

// The Parquet schema of `table`'s columns but `skip` (nullptr: every column).
std::shared_ptr<const parquet::Schema> FileSchema(delta::StructType table, const char* skip) {
  std::erase_if(table.fields, [skip](const delta::StructField& field) {
    return skip != nullptr && field.name == skip;
  });
  Result<std::shared_ptr<const parquet::Schema>> schema = delta::ParquetSchemaFor(table);
  SF_CHECK(schema.ok());
  return std::move(schema).value();
}

BronzeSchemas Build() {
  BronzeSchemas s;
  // Order must match BronzeColumn, then the partition column last.
  const DataType kLong = DataType::Primitive("long");
  const DataType kInteger = DataType::Primitive("integer");
  const DataType kString = DataType::Primitive("string");
  const DataType kTimestamp = DataType::Primitive("timestamp");
  s.bronze_table.fields = {
      Col("vente_id", kLong, false),
      Col("client_id", kLong, false),
      Col("produit_id", kLong, false),
      Col("timestamp", kString, false),
      Col("quantite", kInteger, false),
      Col("montant", DataType::Decimal(18, 2), false),
      Col("client_nom", kString, false),
      Col("produit_nom", kString, false),
      Col("categorie", kString, false),
      Col("pays", kString, false),
      Col("segment", kString, false),
      Col("extra", kString, true),
      Col("event_time", kTimestamp, false),
      Col("ingested_at", kTimestamp, false),
      Col("kafka_topic", kString, false),
      Col("kafka_partition", kInteger, false),
      Col("kafka_offset", kLong, false),
      Col("kafka_timestamp", kTimestamp, true),
      Col(kDateVente, DataType::Primitive("date"), false),
  };
  SF_CHECK_EQ(s.bronze_table.fields.size(), static_cast<size_t>(kBronzeColumnCount) + 1);
  s.bronze_file = FileSchema(s.bronze_table, kDateVente);
  s.quarantine_table.fields = {
      Col("raw_payload", kString, false),    Col("payload_encoding", kString, false),
      Col("kafka_key", kString, true),       Col("reason", kString, false),
      Col("field", kString, true),           Col("message", kString, false),
      Col("kafka_topic", kString, false),    Col("kafka_partition", kInteger, false),
      Col("kafka_offset", kLong, false),     Col("kafka_timestamp", kTimestamp, true),
      Col("rejected_at", kTimestamp, false),
  };
  SF_CHECK_EQ(s.quarantine_table.fields.size(), static_cast<size_t>(kQuarantineColumnCount));
  s.quarantine_file = FileSchema(s.quarantine_table, nullptr);
  return s;
}

delta::StringMap TableProperties(const std::string& app_id) {
  return {{"delta.checkpointInterval", std::to_string(delta::kStreamingCheckpointInterval)},
          {kAppIdProperty, app_id}};
}

}  // namespace

const BronzeSchemas& GetBronzeSchemas() {
  static const BronzeSchemas schemas = Build();
  return schemas;
}

delta::Metadata NewBronzeMetadata(const std::string& app_id) {
  return delta::NewTableMetadata(delta::SchemaToJson(GetBronzeSchemas().bronze_table), {kDateVente},
                                 TableProperties(app_id));
}

delta::Metadata NewQuarantineMetadata(const std::string& app_id) {
  return delta::NewTableMetadata(delta::SchemaToJson(GetBronzeSchemas().quarantine_table), {},
                                 TableProperties(app_id));
}

std::string PartitionAppId(const std::string& app_id, const std::string& topic, int32_t partition) {
  return fmt::format("{}-{}-{}", app_id, topic, partition);
}

}  // namespace salesflow::pipeline
