#include "pipeline/bronze_schema.h"

#include <fmt/format.h>

#include "base/check.h"
#include "delta/checkpoint_writer.h"
#include "delta/transaction.h"

namespace salesflow::pipeline {
namespace {

delta::TableColumn Col(const char* name, const char* type, bool nullable) {
  return delta::TableColumn{.name = name, .type = type, .nullable = nullable, .type_json = ""};
}

std::shared_ptr<const parquet::Schema> FileSchema(const delta::TableSchema& table,
                                                  const char* skip) {
  std::vector<parquet::Field> fields;
  for (const delta::TableColumn& c : table.columns) {
    if (skip != nullptr && c.name == skip) continue;
    Result<parquet::Field> field = delta::ParquetFieldFor(c);
    SF_CHECK(field.ok());
    fields.push_back(std::move(field).value());
  }
  Result<std::shared_ptr<const parquet::Schema>> schema = parquet::Schema::Make(std::move(fields));
  SF_CHECK(schema.ok());
  return std::move(schema).value();
}

BronzeSchemas Build() {
  BronzeSchemas s;
  // Order must match BronzeColumn, then the partition column last.
  s.bronze_table.columns = {
      Col("vente_id", "long", false),        Col("client_id", "long", false),
      Col("produit_id", "long", false),      Col("timestamp", "string", false),
      Col("quantite", "integer", false),     Col("montant", "decimal(18,2)", false),
      Col("client_nom", "string", false),    Col("produit_nom", "string", false),
      Col("categorie", "string", false),     Col("pays", "string", false),
      Col("segment", "string", false),       Col("extra", "string", true),
      Col("event_time", "timestamp", false), Col("ingested_at", "timestamp", false),
      Col("kafka_topic", "string", false),   Col("kafka_partition", "integer", false),
      Col("kafka_offset", "long", false),    Col("kafka_timestamp", "timestamp", true),
      Col(kDateVente, "date", false),
  };
  SF_CHECK_EQ(s.bronze_table.columns.size(), static_cast<size_t>(kBronzeColumnCount) + 1);
  s.bronze_file = FileSchema(s.bronze_table, kDateVente);
  s.quarantine_table.columns = {
      Col("raw_payload", "string", false),    Col("payload_encoding", "string", false),
      Col("kafka_key", "string", true),       Col("reason", "string", false),
      Col("field", "string", true),           Col("message", "string", false),
      Col("kafka_topic", "string", false),    Col("kafka_partition", "integer", false),
      Col("kafka_offset", "long", false),     Col("kafka_timestamp", "timestamp", true),
      Col("rejected_at", "timestamp", false),
  };
  SF_CHECK_EQ(s.quarantine_table.columns.size(), static_cast<size_t>(kQuarantineColumnCount));
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
  return delta::NewTableMetadata(delta::SerializeTableSchema(GetBronzeSchemas().bronze_table),
                                 {kDateVente}, TableProperties(app_id));
}

delta::Metadata NewQuarantineMetadata(const std::string& app_id) {
  return delta::NewTableMetadata(delta::SerializeTableSchema(GetBronzeSchemas().quarantine_table),
                                 {}, TableProperties(app_id));
}

std::string PartitionAppId(const std::string& app_id, const std::string& topic, int32_t partition) {
  return fmt::format("{}-{}-{}", app_id, topic, partition);
}

}  // namespace salesflow::pipeline
