#include "pipeline/silver_table_schemas.h"

#include <utility>

namespace salesflow::pipeline {
namespace {

using delta::DataType;
using delta::StructField;

DataType Long() {
  return DataType::Primitive("long");
}
DataType Integer() {
  return DataType::Primitive("integer");
}
DataType String() {
  return DataType::Primitive("string");
}
DataType Timestamp() {
  return DataType::Primitive("timestamp");
}
DataType Date() {
  return DataType::Primitive("date");
}
DataType Money() {
  return DataType::Decimal(18, 2);
}

// Every column is required: aggregates always have a value.
StructField Col(std::string name, DataType type) {
  return StructField{std::move(name), std::move(type), false};
}

}  // namespace

delta::StructType SilverAggregesTableSchema() {
  return {{Col("client_id", Long()), Col("client_nom", String()), Col("pays", String()),
           Col("segment", String()), Col("total_depense", Money()), Col("nb_achats", Long()),
           Col("panier_moyen", Money()), Col("quantite_totale", Long()),
           Col("premier_achat", Timestamp()), Col("dernier_achat", Timestamp()),
           Col("jours_depuis_dernier_achat", Long()), Col("fidelite", String()),
           Col("risque_churn", DataType::Primitive("boolean")), Col("maj_le", Timestamp()),
           Col("source_kafka_partition", Integer()), Col("source_kafka_offset", Long()),
           Col(kClientBucketColumn, Integer())}};
}

delta::StructType VentesParMinuteTableSchema() {
  return {{Col("minute", DataType::Primitive("timestamp_ntz")), Col("produit", String()),
           Col("categorie", String()), Col("pays", String()), Col("segment", String()),
           Col("nb_ventes", Long()), Col("quantite", Long()), Col("chiffre_affaires", Money()),
           Col("montant_max", Money()), Col(kDayColumn, Date())}};
}

delta::StructType VentesClientJourTableSchema() {
  return {{Col("client_id", Long()), Col(kDayColumn, Date()), Col("nb_ventes", Long()),
           Col("chiffre_affaires", Money())}};
}

delta::StructType DimensionTotalsTableSchema(const std::string& dimension) {
  return {{Col(dimension, String()), Col("nb_ventes", Long()), Col("quantite", Long()),
           Col("chiffre_affaires", Money())}};
}

}  // namespace salesflow::pipeline
