#pragma once

#include <cstdint>
#include <string_view>

namespace salesflow::pipeline {

// One bronze sale as silver folds it: the bronze columns silver needs, with views into the
// reader's batch (the state interns what it keeps, so the views need only outlive Fold()).
struct SilverInputRow {
  int64_t client_id = 0;         // bronze client_id
  std::string_view client_nom;   // name as of this sale
  std::string_view pays;         // country as of this sale
  std::string_view segment;      // segment as of this sale
  int64_t produit_id = 0;        // bronze produit_id
  std::string_view produit_nom;  // product name (the gold tables' "produit")
  std::string_view categorie;    // product category
  int64_t quantite = 0;          // units sold
  int64_t montant_cents = 0;     // decimal(18,2) montant, unscaled
  int64_t event_time_us = 0;     // UTC micros since the epoch
  int32_t kafka_partition = 0;   // tie-break after event time
  int64_t kafka_offset = 0;      // tie-break after partition
};

}  // namespace salesflow::pipeline
