#pragma once

// Reads the tables one silver run wrote back into rows, as a restart would (the silver tests
// compare an incremental or maintained set of tables with a from-scratch rebuild).

#include <cstdint>
#include <string>
#include <vector>

#include "delta/snapshot.h"
#include "pipeline/silver_state.h"

namespace salesflow::testing {

// The rows one set of silver and gold tables holds, and each table's txn version.
struct SilverOutputs {
  std::vector<pipeline::ClientRow> clients;         // delta_silver_aggreges
  std::vector<pipeline::MinuteRow> minutes;         // ventes_par_minute
  std::vector<pipeline::ClientDayRow> client_days;  // ventes_client_jour
  std::vector<pipeline::DimensionRow> produits;     // ventes_par_produit
  std::vector<pipeline::DimensionRow> categories;   // ventes_par_categorie
  std::vector<pipeline::DimensionRow> pays;         // ventes_par_pays
  std::vector<pipeline::DimensionRow> segments;     // ventes_par_segment
  std::vector<int64_t> versions;                    // txn of each table (-1: none)
};

// The gold tables' folder names under the gold directory, in SilverPart order.
const std::vector<std::string>& GoldTableNames();

// The latest snapshot of the table at `dir` through our checkpoint reader (a failure is a test
// failure and gives an empty snapshot).
delta::Snapshot LoadLatestSnapshot(const std::string& dir);

// Restores the tables under `silver` and `gold` into rows (failures are test failures).
SilverOutputs ReadSilverOutputs(const std::string& silver, const std::string& gold);

// EXPECTs every row set and txn version of `a` and `b` equal.
void ExpectSameOutputs(const SilverOutputs& a, const SilverOutputs& b);

}  // namespace salesflow::testing
