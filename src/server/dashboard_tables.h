#pragma once

// The gold/silver tables the dashboard reads (docs/DESIGN.md "Dashboard"): where they live and
// the txn that says which bronze version they hold. Their Delta schemas are silver's
// (pipeline/silver_table_schemas.h); the loader reads columns by name, so it ignores the
// columns it does not use (partition and Kafka provenance columns).

namespace salesflow {

// Folder of the per-minute gold table under the gold directory.
inline constexpr const char* kVentesParMinuteDir = "ventes_par_minute";
// Folder of the client x day gold table under the gold directory.
inline constexpr const char* kVentesClientJourDir = "ventes_client_jour";
// appId of the txn action silver writes in every commit: version = bronze version processed.
inline constexpr const char* kSilverTxnAppId = "salesflow-silver";

}  // namespace salesflow
