#include "server/fixture_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/column_parquet_field.h"
#include "delta/data_file_writer.h"
#include "delta/local_storage.h"
#include "delta/schema_json.h"
#include "delta/snapshot.h"
#include "delta/transaction.h"
#include "pipeline/silver_table_schemas.h"
#include "server/dashboard_tables.h"

namespace salesflow {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;

// The columns a fixture table has: silver's schema of `table` without the columns the
// dashboard does not read (partition and Kafka provenance columns), which fixtures leave out.
delta::StructType FixtureSchema(DashboardTable table) {
  delta::StructType schema;
  std::vector<std::string_view> dropped;
  switch (table) {
    case DashboardTable::kVentesParMinute:
      schema = pipeline::VentesParMinuteTableSchema();
      dropped = {pipeline::kDayColumn};
      break;
    case DashboardTable::kVentesClientJour:
      schema = pipeline::VentesClientJourTableSchema();
      break;
    case DashboardTable::kSilverAggreges:
      schema = pipeline::SilverAggregesTableSchema();
      dropped = {"source_kafka_partition", "source_kafka_offset", pipeline::kClientBucketColumn};
      break;
  }
  std::erase_if(schema.fields, [&dropped](const delta::StructField& field) {
    return std::find(dropped.begin(), dropped.end(), field.name) != dropped.end();
  });
  return schema;
}

Result<std::shared_ptr<const parquet::Schema>> ParquetSchemaOf(DashboardTable table) {
  return delta::ParquetSchemaFor(FixtureSchema(table));
}

Result<int64_t> NumericClientId(const std::string& id) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || id.empty()) {
    return InvalidArgument(fmt::format("client_id '{}' is not a decimal number", id));
  }
  return value;
}

Result<parquet::ColumnBatch> MinuteBatch(const DashboardData& data) {
  SF_ASSIGN_OR_RETURN(auto schema, ParquetSchemaOf(DashboardTable::kVentesParMinute));
  parquet::ColumnBatch batch = parquet::ColumnBatch::Make(schema);
  auto& c = batch.columns;
  for (const MinuteBucket& b : data.minutes) {
    c[0].AppendInt64(b.minute.value() * kMicrosPerMinute);
    c[1].AppendBinary(data.produits[b.produit]);
    c[2].AppendBinary(data.categories[b.categorie]);
    c[3].AppendBinary(data.pays[b.pays]);
    c[4].AppendBinary(data.segments[b.segment]);
    c[5].AppendInt64(b.nb_ventes);
    c[6].AppendInt64(b.quantite);
    c[7].AppendInt64(b.chiffre_affaires);
    c[8].AppendInt64(b.montant_max);
  }
  batch.num_rows = static_cast<int64_t>(data.minutes.size());
  return batch;
}

Result<parquet::ColumnBatch> ClientDayBatch(const DashboardData& data) {
  SF_ASSIGN_OR_RETURN(auto schema, ParquetSchemaOf(DashboardTable::kVentesClientJour));
  parquet::ColumnBatch batch = parquet::ColumnBatch::Make(schema);
  auto& c = batch.columns;
  for (const ClientDay& r : data.client_days) {
    SF_ASSIGN_OR_RETURN(int64_t id, NumericClientId(data.clients[r.client].client_id));
    c[0].AppendInt64(id);
    c[1].AppendInt32(static_cast<int32_t>(r.day.value()));
    c[2].AppendInt64(r.nb_ventes);
    c[3].AppendInt64(r.chiffre_affaires);
  }
  batch.num_rows = static_cast<int64_t>(data.client_days.size());
  return batch;
}

Result<parquet::ColumnBatch> SilverBatch(const DashboardData& data) {
  SF_ASSIGN_OR_RETURN(auto schema, ParquetSchemaOf(DashboardTable::kSilverAggreges));
  parquet::ColumnBatch batch = parquet::ColumnBatch::Make(schema);
  auto& c = batch.columns;
  int64_t rows = 0;
  for (const ClientProfile& p : data.clients) {
    if (!p.in_silver) continue;  // a gold-only client is one silver has not written yet
    SF_ASSIGN_OR_RETURN(int64_t id, NumericClientId(p.client_id));
    c[0].AppendInt64(id);
    c[1].AppendBinary(p.client_nom);
    c[2].AppendBinary(p.pays);
    c[3].AppendBinary(p.segment);
    c[4].AppendInt64(p.total_depense);
    c[5].AppendInt64(p.nb_achats);
    c[6].AppendInt64(p.panier_moyen);
    c[7].AppendInt64(p.quantite_totale);
    c[8].AppendInt64(p.premier_achat_us);
    c[9].AppendInt64(p.dernier_achat_us);
    c[10].AppendInt64(p.jours_depuis_dernier_achat);
    c[11].AppendBinary(p.fidelite);
    c[12].AppendBool(p.risque_churn);
    c[13].AppendInt64(p.dernier_achat_us);
    ++rows;
  }
  batch.num_rows = rows;
  return batch;
}

}  // namespace

Status CommitFixtureTable(const FixtureTablesOptions& options, DashboardTable table,
                          const DashboardData& data, int64_t bronze_version, FixtureCommit mode) {
  std::filesystem::path dir;
  Result<parquet::ColumnBatch> batch = Status::Ok();
  switch (table) {
    case DashboardTable::kVentesParMinute:
      dir = options.gold_dir / kVentesParMinuteDir;
      batch = MinuteBatch(data);
      break;
    case DashboardTable::kVentesClientJour:
      dir = options.gold_dir / kVentesClientJourDir;
      batch = ClientDayBatch(data);
      break;
    case DashboardTable::kSilverAggreges:
      dir = options.silver_table;
      batch = SilverBatch(data);
      break;
  }
  if (!batch.ok()) return batch.status().WithContext(dir.string());
  delta::LocalStorage storage(dir.string(), {.sync = options.sync});
  auto snapshot = delta::LoadSnapshot(storage);
  if (!snapshot.ok() && snapshot.status().code() == StatusCode::kNotFound) {
    delta::Metadata metadata =
        delta::NewTableMetadata(delta::SchemaToJson(FixtureSchema(table)), {}, {});
    SF_RETURN_IF_ERROR(delta::CreateTable(storage, metadata).status().WithContext(dir.string()));
    snapshot = delta::LoadSnapshot(storage);
  }
  if (!snapshot.ok()) return snapshot.status().WithContext(dir.string());
  SF_ASSIGN_OR_RETURN(std::vector<delta::AddFile> adds,
                      delta::WriteDataFiles(storage, snapshot->metadata(), *batch));
  delta::Transaction txn(*snapshot);
  bool replace = mode == FixtureCommit::kReplace;
  txn.SetOperation("STREAMING UPDATE", {{"outputMode", replace ? "\"Complete\"" : "\"Append\""}});
  if (replace) txn.SetReadsAllData();
  for (const auto& [key, add] : snapshot->active_files()) {
    if (!replace) break;
    txn.RemoveFile({.path = add.path,
                    .data_change = true,
                    .extended_file_metadata = true,
                    .partition_values = add.partition_values,
                    .size = add.size});
  }
  for (delta::AddFile& add : adds) txn.AddFile(std::move(add));
  txn.SetTxn(kSilverTxnAppId, bronze_version);
  return txn.Commit(storage).status().WithContext(dir.string());
}

Status CommitFixtureTables(const FixtureTablesOptions& options, const DashboardData& data,
                           int64_t bronze_version) {
  for (DashboardTable table : {DashboardTable::kVentesParMinute, DashboardTable::kVentesClientJour,
                               DashboardTable::kSilverAggreges}) {
    SF_RETURN_IF_ERROR(CommitFixtureTable(options, table, data, bronze_version));
  }
  return Status::Ok();
}

}  // namespace salesflow
