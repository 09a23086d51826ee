#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "delta/action.h"
#include "delta/schema.h"
#include "parquet/schema.h"

namespace salesflow::pipeline {

// Columns of bronze data files, in file order (date_vente is the partition column: it is in the
// table schema, last, but not in the files).
enum BronzeColumn : int {
  kVenteId,
  kClientId,
  kProduitId,
  kTimestampText,
  kQuantite,
  kMontant,
  kClientNom,
  kProduitNom,
  kCategorie,
  kPays,
  kSegment,
  kExtra,
  kEventTime,
  kIngestedAt,
  kKafkaTopic,
  kKafkaPartition,
  kKafkaOffset,
  kKafkaTimestamp,
  kBronzeColumnCount,
};

// Columns of quarantine data files, in file order (the table is not partitioned).
enum QuarantineColumn : int {
  kRawPayload,
  kPayloadEncoding,
  kKafkaKey,
  kReason,
  kField,
  kMessage,
  kRejectTopic,
  kRejectPartition,
  kRejectOffset,
  kRejectKafkaTimestamp,
  kRejectedAt,
  kQuarantineColumnCount,
};

// The partition column of bronze.
inline constexpr const char* kDateVente = "date_vente";
// Table property holding the app-id prefix of the txn appIds.
inline constexpr const char* kAppIdProperty = "salesflow.bronze.appId";
// Table property counting explicit switches to a new Kafka cluster (--new-cluster).
inline constexpr const char* kKafkaEpochProperty = "salesflow.bronze.kafkaEpoch";
// The app-id of a table created without --app-id.
inline constexpr const char* kDefaultAppId = "salesflow-bronze";

// The schemas bronze writes, built once.
struct BronzeSchemas {
  delta::StructType bronze_table;                          // schemaString of delta_ventes_table
  std::shared_ptr<const parquet::Schema> bronze_file;      // its data files (no date_vente)
  delta::StructType quarantine_table;                      // schemaString of delta_ventes_rejets
  std::shared_ptr<const parquet::Schema> quarantine_file;  // its data files
};

// The process-wide schemas (built on first use).
const BronzeSchemas& GetBronzeSchemas();

// Metadata for a new bronze (partitioned by date_vente) or quarantine table with the given
// app-id and delta.checkpointInterval=100.
delta::Metadata NewBronzeMetadata(const std::string& app_id);
delta::Metadata NewQuarantineMetadata(const std::string& app_id);

// The txn appId of one Kafka partition: "<app-id>-<topic>-<partition>".
std::string PartitionAppId(const std::string& app_id, const std::string& topic, int32_t partition);

}  // namespace salesflow::pipeline
