#pragma once

#include <string>

#include "delta/table_schema.h"

// The gold/silver tables the dashboard reads (docs/DESIGN.md "Dashboard"): where they live,
// their Delta schemas and the txn that says which bronze version they hold. The loader reads
// columns by name, so a writer may add columns (a partition bucket, maj_le, ...).

namespace salesflow {

// Folder of the per-minute gold table under the gold directory.
inline constexpr const char* kVentesParMinuteDir = "ventes_par_minute";
// Folder of the client x day gold table under the gold directory.
inline constexpr const char* kVentesClientJourDir = "ventes_client_jour";
// appId of the txn action silver writes in every commit: version = bronze version processed.
inline constexpr const char* kSilverTxnAppId = "salesflow-silver";

// delta_gold/ventes_par_minute: minute timestamp_ntz (local wall clock), produit, categorie,
// pays, segment string, nb_ventes long, quantite long, chiffre_affaires decimal(18,2).
delta::TableSchema VentesParMinuteTableSchema();
// delta_gold/ventes_client_jour: client_id long, day date, nb_ventes long,
// chiffre_affaires decimal(18,2).
delta::TableSchema VentesClientJourTableSchema();
// delta_silver_aggreges: the columns of the contract plus maj_le (timestamp, UTC).
delta::TableSchema SilverAggregesTableSchema();

}  // namespace salesflow
