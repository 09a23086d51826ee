#pragma once

#include <string>

#include "event/sale.h"

namespace salesflow {

// Appends the sale as the seed's JSON message, fields in the seed's order with Python
// json.dumps separators, e.g.
//   {"vente_id": 42, "client_id": 1, "produit_id": 101, "timestamp": "2024-12-16T14:30:00",
//    "quantite": 2, "montant": 1799.98, "client_nom": "Jean Dupont", ...}
// timestamp keeps the form it was read in (naive stays naive); montant is the shortest exact
// decimal with one fractional digit at least (1799.98, 12.5, 30.0), as Python prints a float;
// text stays raw UTF-8; extra fields follow segment as they were read.
void AppendSaleJson(const Sale& sale, std::string* out);
std::string EncodeSaleJson(const Sale& sale);

}  // namespace salesflow
