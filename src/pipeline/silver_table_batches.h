#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "parquet/column_batch.h"
#include "parquet/schema.h"
#include "pipeline/churn_rule.h"
#include "pipeline/loyalty_rule.h"
#include "pipeline/silver_state.h"
#include "pipeline/silver_table_schemas.h"

namespace salesflow::pipeline {

// The Parquet schemas of the batches below (silver_table_schemas.h): every table column,
// partition column included.
std::shared_ptr<const parquet::Schema> SilverAggregesSchema();
std::shared_ptr<const parquet::Schema> VentesParMinuteSchema();
std::shared_ptr<const parquet::Schema> VentesClientJourSchema();
std::shared_ptr<const parquet::Schema> DimensionTotalsSchema(const std::string& dimension);

// What the rules need to finish a silver row.
struct SilverRowContext {
  LoyaltyRule loyalty;        // fidelite thresholds
  ChurnRule churn;            // risque_churn thresholds
  int64_t now_us = 0;         // maj_le, and "now" for recency and churn
  int32_t bucket_count = 16;  // client_bucket = client_id mod this
};

// delta_silver_aggreges rows, in the order given.
Result<parquet::ColumnBatch> SilverAggregesBatch(const std::vector<ClientRow>& rows,
                                                 const SilverRowContext& context);
// ventes_par_minute rows.
Result<parquet::ColumnBatch> VentesParMinuteBatch(const std::vector<MinuteRow>& rows);
// ventes_client_jour rows.
Result<parquet::ColumnBatch> VentesClientJourBatch(const std::vector<ClientDayRow>& rows);
// A per-dimension totals table.
Result<parquet::ColumnBatch> DimensionTotalsBatch(const std::string& dimension,
                                                  const std::vector<DimensionRow>& rows);

}  // namespace salesflow::pipeline
