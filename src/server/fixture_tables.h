#pragma once

#include <cstdint>
#include <filesystem>

#include "base/status.h"
#include "server/dashboard_data.h"

// Writes a DashboardData as the gold/silver Delta tables of the dashboard contract
// (pipeline/silver_table_schemas.h, less the partition and Kafka provenance columns the
// dashboard does not read), as silver would: tests of the loader, the load bench and demos
// without a silver stage. Client ids must be decimal numbers (silver's client_id is a long).

namespace salesflow {

// One of the tables the dashboard reads.
enum class DashboardTable {
  kVentesParMinute,   // gold_dir/ventes_par_minute
  kVentesClientJour,  // gold_dir/ventes_client_jour
  kSilverAggreges,    // silver_table
};

// How a commit changes a table.
enum class FixtureCommit {
  kReplace,  // remove every active file, add the rows (a full rewrite)
  kAppend,   // add the rows only (new keys; no rows = a txn-only commit)
};

// Where to write.
struct FixtureTablesOptions {
  std::filesystem::path silver_table;  // delta_silver_aggreges
  std::filesystem::path gold_dir;      // parent of ventes_par_minute and ventes_client_jour
  bool sync = false;                   // fsync commits (fixtures do not need durability)
};

// Writes `data`'s rows of `table` in one commit carrying txn salesflow-silver =
// `bronze_version` (replacing or appending); creates the table first.
Status CommitFixtureTable(const FixtureTablesOptions& options, DashboardTable table,
                          const DashboardData& data, int64_t bronze_version,
                          FixtureCommit mode = FixtureCommit::kReplace);

// The three tables, each in its own commit (gold first, silver last, as silver commits).
Status CommitFixtureTables(const FixtureTablesOptions& options, const DashboardData& data,
                           int64_t bronze_version);

}  // namespace salesflow
