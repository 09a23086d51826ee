#include "server/dashboard_tables.h"

namespace salesflow {
namespace {

delta::TableColumn Column(std::string name, std::string type) {
  std::string json = "\"" + type + "\"";
  return delta::TableColumn{
      .name = std::move(name), .type = std::move(type), .nullable = false, .type_json = json};
}

}  // namespace

delta::TableSchema VentesParMinuteTableSchema() {
  return {{Column("minute", "timestamp_ntz"), Column("produit", "string"),
           Column("categorie", "string"), Column("pays", "string"), Column("segment", "string"),
           Column("nb_ventes", "long"), Column("quantite", "long"),
           Column("chiffre_affaires", "decimal(18,2)")}};
}

delta::TableSchema VentesClientJourTableSchema() {
  return {{Column("client_id", "long"), Column("day", "date"), Column("nb_ventes", "long"),
           Column("chiffre_affaires", "decimal(18,2)")}};
}

delta::TableSchema SilverAggregesTableSchema() {
  return {{Column("client_id", "long"), Column("client_nom", "string"), Column("pays", "string"),
           Column("segment", "string"), Column("total_depense", "decimal(18,2)"),
           Column("nb_achats", "long"), Column("panier_moyen", "decimal(18,2)"),
           Column("quantite_totale", "long"), Column("premier_achat", "timestamp"),
           Column("dernier_achat", "timestamp"), Column("jours_depuis_dernier_achat", "long"),
           Column("fidelite", "string"), Column("risque_churn", "boolean"),
           Column("maj_le", "timestamp")}};
}

}  // namespace salesflow
