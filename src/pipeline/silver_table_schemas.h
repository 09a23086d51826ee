#pragma once

#include <string>

#include "delta/schema.h"

// The Delta schemas of the silver and gold tables (docs/DESIGN.md "Silver and gold"): the one
// definition of that contract, which silver writes and the dashboard (src/server) reads. Money
// is decimal(18,2), timestamps are micros (UTC, except the gold minute: local wall clock). The
// partition column, when there is one, is in the schema (last, or `day` of ventes_client_jour).

namespace salesflow::pipeline {

// Partition columns: silver by client bucket, the minute and client-day tables by local day.
inline constexpr const char* kClientBucketColumn = "client_bucket";
inline constexpr const char* kDayColumn = "day";

// delta_silver_aggreges: one row per client, with its source Kafka position and client_bucket.
delta::StructType SilverAggregesTableSchema();
// delta_gold/ventes_par_minute: minute timestamp_ntz (local wall clock), produit, categorie,
// pays, segment, nb_ventes, quantite, chiffre_affaires, montant_max (the largest single sale
// of the bucket), then day.
delta::StructType VentesParMinuteTableSchema();
// delta_gold/ventes_client_jour: client_id, day, nb_ventes, chiffre_affaires.
delta::StructType VentesClientJourTableSchema();
// A per-dimension totals table: `dimension` (produit, categorie, pays, segment), nb_ventes,
// quantite, chiffre_affaires.
delta::StructType DimensionTotalsTableSchema(const std::string& dimension);

}  // namespace salesflow::pipeline
