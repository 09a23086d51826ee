#include "pipeline/silver_table_batches.h"

#include <utility>

#include "base/check.h"
#include "delta/column_parquet_field.h"

namespace salesflow::pipeline {
namespace {

using parquet::ColumnBatch;
using parquet::Schema;

std::shared_ptr<const Schema> MakeSchema(const delta::StructType& table) {
  Result<std::shared_ptr<const Schema>> schema = delta::ParquetSchemaFor(table);
  // The columns are fixed in silver_table_schemas.cc; a failure is a programming error.
  SF_CHECK(schema.ok());
  return std::move(schema).value();
}

// The local day of a local wall-clock minute.
int64_t FloorDivDay(int64_t local_us) {
  constexpr int64_t kDay = 24LL * 3600 * 1000 * 1000;
  int64_t q = local_us / kDay;
  if (local_us % kDay != 0 && local_us < 0) --q;
  return q;
}

Result<ColumnBatch> Finish(ColumnBatch batch, int64_t rows) {
  batch.num_rows = rows;
  Status status = batch.Validate();
  if (!status.ok()) return status;
  return batch;
}

}  // namespace

std::shared_ptr<const parquet::Schema> SilverAggregesSchema() {
  static const auto schema = MakeSchema(SilverAggregesTableSchema());
  return schema;
}

std::shared_ptr<const parquet::Schema> VentesParMinuteSchema() {
  static const auto schema = MakeSchema(VentesParMinuteTableSchema());
  return schema;
}

std::shared_ptr<const parquet::Schema> VentesClientJourSchema() {
  static const auto schema = MakeSchema(VentesClientJourTableSchema());
  return schema;
}

std::shared_ptr<const parquet::Schema> DimensionTotalsSchema(const std::string& dimension) {
  return MakeSchema(DimensionTotalsTableSchema(dimension));
}

Result<parquet::ColumnBatch> SilverAggregesBatch(const std::vector<ClientRow>& rows,
                                                 const SilverRowContext& context) {
  ColumnBatch batch = ColumnBatch::Make(SilverAggregesSchema());
  auto& c = batch.columns;
  for (const ClientRow& r : rows) {
    c[0].AppendInt64(r.client_id);
    c[1].AppendBinary(r.client_nom);
    c[2].AppendBinary(r.pays);
    c[3].AppendBinary(r.segment);
    c[4].AppendInt64(r.total_depense);
    c[5].AppendInt64(r.nb_achats);
    c[6].AppendInt64(r.panier_moyen);
    c[7].AppendInt64(r.quantite_totale);
    c[8].AppendInt64(r.premier_achat_us);
    c[9].AppendInt64(r.dernier_achat_us);
    c[10].AppendInt64(JoursDepuisDernierAchat(r.dernier_achat_us, context.now_us));
    c[11].AppendBinary(context.loyalty.Tier(r.total_depense, r.nb_achats));
    c[12].AppendBool(
        context.churn.AtRisk(r.premier_achat_us, r.dernier_achat_us, r.nb_achats, context.now_us));
    c[13].AppendInt64(context.now_us);
    c[14].AppendInt32(r.source_partition);
    c[15].AppendInt64(r.source_offset);
    c[16].AppendInt32(ClientBucket(r.client_id, context.bucket_count));
  }
  return Finish(std::move(batch), static_cast<int64_t>(rows.size()));
}

Result<parquet::ColumnBatch> VentesParMinuteBatch(const std::vector<MinuteRow>& rows) {
  ColumnBatch batch = ColumnBatch::Make(VentesParMinuteSchema());
  auto& c = batch.columns;
  for (const MinuteRow& r : rows) {
    c[0].AppendInt64(r.minute_local_us);
    c[1].AppendBinary(r.produit);
    c[2].AppendBinary(r.categorie);
    c[3].AppendBinary(r.pays);
    c[4].AppendBinary(r.segment);
    c[5].AppendInt64(r.totals.nb_ventes);
    c[6].AppendInt64(r.totals.quantite);
    c[7].AppendInt64(r.totals.chiffre_affaires);
    c[8].AppendInt64(r.montant_max);
    c[9].AppendInt32(static_cast<int32_t>(FloorDivDay(r.minute_local_us)));
  }
  return Finish(std::move(batch), static_cast<int64_t>(rows.size()));
}

Result<parquet::ColumnBatch> VentesClientJourBatch(const std::vector<ClientDayRow>& rows) {
  ColumnBatch batch = ColumnBatch::Make(VentesClientJourSchema());
  auto& c = batch.columns;
  for (const ClientDayRow& r : rows) {
    c[0].AppendInt64(r.client_id);
    c[1].AppendInt32(r.day);
    c[2].AppendInt64(r.totals.nb_ventes);
    c[3].AppendInt64(r.totals.chiffre_affaires);
  }
  return Finish(std::move(batch), static_cast<int64_t>(rows.size()));
}

Result<parquet::ColumnBatch> DimensionTotalsBatch(const std::string& dimension,
                                                  const std::vector<DimensionRow>& rows) {
  ColumnBatch batch = ColumnBatch::Make(DimensionTotalsSchema(dimension));
  auto& c = batch.columns;
  for (const DimensionRow& r : rows) {
    c[0].AppendBinary(r.value);
    c[1].AppendInt64(r.totals.nb_ventes);
    c[2].AppendInt64(r.totals.quantite);
    c[3].AppendInt64(r.totals.chiffre_affaires);
  }
  return Finish(std::move(batch), static_cast<int64_t>(rows.size()));
}

}  // namespace salesflow::pipeline
