#include "pipeline/silver_restore.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace salesflow::pipeline {
namespace {

// Column indexes of one batch by name, for the names a part needs.
Result<std::vector<const parquet::Column*>> Columns(const parquet::ColumnBatch& batch,
                                                    const std::vector<std::string>& names) {
  std::vector<const parquet::Column*> out;
  for (const std::string& name : names) {
    const int i = batch.schema->FieldIndex(name);
    if (i < 0) return Corruption(fmt::format("silver output table has no column '{}'", name));
    out.push_back(&batch.columns[static_cast<size_t>(i)]);
  }
  return out;
}

int64_t I64(const parquet::Column* c, int64_t r) {
  return c->storage == parquet::ColumnStorage::kInt32 ? c->i32[static_cast<size_t>(r)]
                                                      : c->i64[static_cast<size_t>(r)];
}

std::string Str(const parquet::Column* c, int64_t r) {
  return std::string(c->BinaryAt(r));
}

const char* DimensionColumn(SilverPart part) {
  switch (part) {
    case kPartProduit:
      return "produit";
    case kPartCategorie:
      return "categorie";
    case kPartPays:
      return "pays";
    default:
      return "segment";
  }
}

}  // namespace

Status RestoreSilverPart(SilverPart part, delta::TableScan& scan, SilverState* state) {
  parquet::ColumnBatch batch;
  while (true) {
    SF_ASSIGN_OR_RETURN(bool more, scan.Next(&batch));
    if (!more) break;
    if (part == kPartClients) {
      SF_ASSIGN_OR_RETURN(
          auto c, Columns(batch, {"client_id", "client_nom", "pays", "segment", "total_depense",
                                  "nb_achats", "quantite_totale", "premier_achat", "dernier_achat",
                                  "source_kafka_partition", "source_kafka_offset"}));
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        ClientRow row;
        row.client_id = I64(c[0], r);
        row.client_nom = Str(c[1], r);
        row.pays = Str(c[2], r);
        row.segment = Str(c[3], r);
        row.total_depense = I64(c[4], r);
        row.nb_achats = I64(c[5], r);
        row.quantite_totale = I64(c[6], r);
        row.premier_achat_us = I64(c[7], r);
        row.dernier_achat_us = I64(c[8], r);
        row.source_partition = static_cast<int32_t>(I64(c[9], r));
        row.source_offset = I64(c[10], r);
        state->RestoreClient(row);
      }
    } else if (part == kPartMinutes) {
      SF_ASSIGN_OR_RETURN(
          auto c, Columns(batch, {"minute", "produit", "categorie", "pays", "segment", "nb_ventes",
                                  "quantite", "chiffre_affaires", "montant_max"}));
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        state->RestoreMinute(MinuteRow{I64(c[0], r),
                                       Str(c[1], r),
                                       Str(c[2], r),
                                       Str(c[3], r),
                                       Str(c[4], r),
                                       {I64(c[5], r), I64(c[6], r), I64(c[7], r)},
                                       I64(c[8], r)});
      }
    } else if (part == kPartClientDays) {
      SF_ASSIGN_OR_RETURN(auto c,
                          Columns(batch, {"client_id", "day", "nb_ventes", "chiffre_affaires"}));
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        // quantite is not a column of ventes_client_jour: it restores as 0 (never written).
        state->RestoreClientDay(ClientDayRow{
            I64(c[0], r), static_cast<int32_t>(I64(c[1], r)), {I64(c[2], r), 0, I64(c[3], r)}});
      }
    } else {
      SF_ASSIGN_OR_RETURN(auto c, Columns(batch, {DimensionColumn(part), "nb_ventes", "quantite",
                                                  "chiffre_affaires"}));
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        state->RestoreDimension(
            part, DimensionRow{Str(c[0], r), {I64(c[1], r), I64(c[2], r), I64(c[3], r)}});
      }
    }
  }
  return Status::Ok();
}

}  // namespace salesflow::pipeline
