#pragma once

// A table with every column type salesflow writes (long, int, string, decimal(18,2), date,
// timestamp, boolean, double), partitioned by date, and deterministic batches for it.

#include <cstdint>
#include <memory>
#include <string>

#include "base/check.h"
#include "delta/column_parquet_field.h"
#include "delta/schema.h"
#include "delta/schema_json.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "delta/transaction.h"
#include "parquet/column_batch.h"

namespace salesflow::delta::testing {

// The table's columns, in schema order.
inline StructType SalesSchema() {
  return StructType{{{"vente_id", DataType::Primitive("long"), false},
                     {"quantite", DataType::Primitive("integer")},
                     {"client_nom", DataType::Primitive("string")},
                     {"montant", DataType::Decimal(18, 2)},
                     {"date_vente", DataType::Primitive("date")},
                     {"ts", DataType::Primitive("timestamp")},
                     {"premium", DataType::Primitive("boolean")},
                     {"remise", DataType::Primitive("double")}}};
}

// 2024-12-16 in days since the epoch.
inline constexpr int64_t kFirstDay = 20073;

// Creates the table (partitioned by date_vente) with `properties`.
inline void CreateSalesTable(Storage& storage, StringMap properties = {}) {
  Metadata metadata =
      NewTableMetadata(SchemaToJson(SalesSchema()), {"date_vente"}, std::move(properties));
  SF_CHECK(CreateTable(storage, metadata).ok());
}

// Rows first..first+n-1: vente_id = i, spread over `days` days from kFirstDay, with nulls in
// some optional columns, long names (> 32 characters, accents) and sub-millisecond times.
inline parquet::ColumnBatch SalesBatch(int64_t first, int64_t n, int days = 3) {
  std::vector<parquet::Field> fields;
  for (const StructField& c : SalesSchema().fields) fields.push_back(*ParquetFieldFor(c));
  auto schema = parquet::Schema::Make(std::move(fields));
  SF_CHECK(schema.ok());
  parquet::ColumnBatch batch = parquet::ColumnBatch::Make(*schema);
  for (int64_t i = first; i < first + n; ++i) {
    batch.columns[0].AppendInt64(i);
    if (i % 7 == 3) {
      batch.columns[1].AppendNull();
    } else {
      batch.columns[1].AppendInt32(static_cast<int32_t>(1 + i % 5));
    }
    std::string name = i % 4 == 0
                           ? "Élodie Lefèvre-Duchâteau de la Grande Maison " + std::to_string(i)
                           : "Client " + std::to_string(i % 13);
    batch.columns[2].AppendBinary(name);
    batch.columns[3].AppendInt64(i * 1999 % 100000);  // cents
    batch.columns[4].AppendInt32(static_cast<int32_t>(kFirstDay + i % days));
    batch.columns[5].AppendInt64((kFirstDay + i % days) * 86400000000LL + i * 1000123);
    if (i % 5 == 0) {
      batch.columns[6].AppendNull();
    } else {
      batch.columns[6].AppendBool(i % 2 == 0);
    }
    batch.columns[7].AppendDouble(static_cast<double>(i % 10) / 4.0);
  }
  batch.num_rows = n;
  return batch;
}

}  // namespace salesflow::delta::testing
