#include "silver_outputs.h"

#include <gtest/gtest.h>

#include <utility>

#include "delta/local_storage.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/table_scan.h"
#include "pipeline/silver_output_table.h"
#include "pipeline/silver_restore.h"

namespace salesflow::testing {

const std::vector<std::string>& GoldTableNames() {
  static const std::vector<std::string> names = {"ventes_par_minute",  "ventes_client_jour",
                                                 "ventes_par_produit", "ventes_par_categorie",
                                                 "ventes_par_pays",    "ventes_par_segment"};
  return names;
}

delta::Snapshot LoadLatestSnapshot(const std::string& dir) {
  delta::LocalStorage storage(dir);
  delta::ParquetCheckpointReader reader;
  auto snapshot = delta::LoadSnapshot(storage, {.checkpoint_reader = &reader});
  EXPECT_TRUE(snapshot.ok()) << dir << ": " << snapshot.status().ToString();
  return snapshot.ok() ? *snapshot : delta::Snapshot();
}

SilverOutputs ReadSilverOutputs(const std::string& silver, const std::string& gold) {
  using pipeline::SilverPart;
  pipeline::SilverState state;
  SilverOutputs out;
  const std::pair<SilverPart, std::string> tables[] = {
      {pipeline::kPartClients, silver},
      {pipeline::kPartMinutes, gold + "/" + GoldTableNames()[0]},
      {pipeline::kPartClientDays, gold + "/" + GoldTableNames()[1]},
      {pipeline::kPartProduit, gold + "/" + GoldTableNames()[2]},
      {pipeline::kPartCategorie, gold + "/" + GoldTableNames()[3]},
      {pipeline::kPartPays, gold + "/" + GoldTableNames()[4]},
      {pipeline::kPartSegment, gold + "/" + GoldTableNames()[5]}};
  for (const auto& [part, dir] : tables) {
    delta::Snapshot snapshot = LoadLatestSnapshot(dir);
    out.versions.push_back(snapshot.TxnVersion(pipeline::kSilverAppId).value_or(-1));
    delta::LocalStorage storage(dir);
    auto scan = delta::TableScan::Open(storage, snapshot);
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    if (!scan.ok()) continue;
    Status restored = pipeline::RestoreSilverPart(part, **scan, &state);
    EXPECT_TRUE(restored.ok()) << dir << ": " << restored.ToString();
  }
  out.clients = state.ClientRows();
  out.minutes = state.MinuteRows();
  out.client_days = state.ClientDayRows();
  out.produits = state.ProduitRows();
  out.categories = state.CategorieRows();
  out.pays = state.PaysRows();
  out.segments = state.SegmentRows();
  return out;
}

void ExpectSameOutputs(const SilverOutputs& a, const SilverOutputs& b) {
  EXPECT_EQ(a.clients, b.clients);
  EXPECT_EQ(a.minutes, b.minutes);
  EXPECT_EQ(a.client_days, b.client_days);
  EXPECT_EQ(a.produits, b.produits);
  EXPECT_EQ(a.categories, b.categories);
  EXPECT_EQ(a.pays, b.pays);
  EXPECT_EQ(a.segments, b.segments);
  EXPECT_EQ(a.versions, b.versions);
}

}  // namespace salesflow::testing
