#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "parquet/column_batch.h"
#include "server/dashboard_data.h"

// Decoding of the gold/silver tables' column batches (docs/DESIGN.md "Dashboard") into the
// rows the dashboard keeps per data file. Columns are found by name; money must be a decimal
// of scale 2 (INT32, INT64 or big-endian bytes), minutes a TIMESTAMP (millis, micros or nanos),
// days a DATE. A null in a contract column is Corruption naming the column.

namespace salesflow {

// The rows of one ventes_par_minute data file; dimension strings interned per file.
struct MinuteFileRows {
  // One row; dimensions index `names`.
  struct Row {
    LocalMinute minute;            // local wall-clock minute
    uint32_t produit = 0;          // index into names
    uint32_t categorie = 0;        // index into names
    uint32_t pays = 0;             // index into names
    uint32_t segment = 0;          // index into names
    int64_t nb_ventes = 0;         // sales
    int64_t quantite = 0;          // units
    int64_t chiffre_affaires = 0;  // cents
    int64_t montant_max = 0;       // cents: the bucket's largest single sale
  };
  std::vector<std::string> names;  // every dimension string of the file, once
  std::vector<Row> rows;           // in file order
};

// One row of ventes_client_jour.
struct ClientDayRow {
  int64_t client_id = 0;         // silver's client id
  LocalDay day;                  // local date
  int64_t nb_ventes = 0;         // sales
  int64_t chiffre_affaires = 0;  // cents
};

// Appends the rows of a ventes_par_minute batch.
Status AppendMinuteRows(const parquet::ColumnBatch& batch, MinuteFileRows* out);
// Appends the rows of a ventes_client_jour batch.
Status AppendClientDayRows(const parquet::ColumnBatch& batch, std::vector<ClientDayRow>* out);
// Appends the rows of a delta_silver_aggreges batch (client_id as its decimal text).
Status AppendSilverRows(const parquet::ColumnBatch& batch, std::vector<ClientProfile>* out);

}  // namespace salesflow
