#pragma once

#include <cstdint>
#include <string>

#include "base/strong_int.h"
#include "event/money.h"
#include "event/sale_time.h"

namespace salesflow {

struct VenteIdTag {};
struct ClientIdTag {};
struct ProduitIdTag {};
// The producer's sale number (vente_id); unique within a run, increasing.
using VenteId = StrongInt<VenteIdTag, int64_t>;
// A customer (client_id); also the Kafka message key, as decimal text.
using ClientId = StrongInt<ClientIdTag, int64_t>;
// A product (produit_id).
using ProduitId = StrongInt<ProduitIdTag, int64_t>;

// One sale event: exactly the fields of the seed's JSON message, plus whatever other fields a
// producer added (kept, never dropped). Its JSON form lives in sale_json.h / sale_decoder.h.
struct Sale {
  VenteId vente_id;         // > 0
  ClientId client_id;       // > 0
  ProduitId produit_id;     // > 0
  SaleTime timestamp;       // when the sale happened
  int32_t quantite = 0;     // units sold, >= 1
  Cents montant;            // total amount of the sale (not the unit price), >= 0
  std::string client_nom;   // customer name, e.g. "Jean Dupont"
  std::string produit_nom;  // product name, e.g. "Ordinateur portable"
  std::string categorie;    // product category, e.g. "Électronique"
  std::string pays;         // customer country, e.g. "France"
  std::string segment;      // customer segment, e.g. "Particulier" or "Entreprise"
  // Unknown fields as one JSON object text, e.g. {"canal": "web"}; empty when there were none.
  std::string extra_json;

  friend bool operator==(const Sale&, const Sale&) = default;
};

}  // namespace salesflow
