#include "event/sale_json.h"

#include <fmt/format.h>

#include "base/check.h"
#include "base/json_string.h"

namespace salesflow {
namespace {

void AppendInt(int64_t v, std::string* out) {
  fmt::format_int text(v);
  out->append(text.data(), text.size());
}

}  // namespace

void AppendSaleJson(const Sale& sale, std::string* out) {
  out->append("{\"vente_id\": ");
  AppendInt(sale.vente_id.value(), out);
  out->append(", \"client_id\": ");
  AppendInt(sale.client_id.value(), out);
  out->append(", \"produit_id\": ");
  AppendInt(sale.produit_id.value(), out);
  out->append(", \"timestamp\": \"");
  AppendSaleTime(sale.timestamp, out);
  out->append("\", \"quantite\": ");
  AppendInt(sale.quantite, out);
  out->append(", \"montant\": ");
  AppendCentsShortest(sale.montant, out);
  out->append(", \"client_nom\": ");
  AppendJsonString(sale.client_nom, out);
  out->append(", \"produit_nom\": ");
  AppendJsonString(sale.produit_nom, out);
  out->append(", \"categorie\": ");
  AppendJsonString(sale.categorie, out);
  out->append(", \"pays\": ");
  AppendJsonString(sale.pays, out);
  out->append(", \"segment\": ");
  AppendJsonString(sale.segment, out);
  const std::string& extra = sale.extra_json;
  if (!extra.empty()) {
    // extra_json is one object; its members are spliced in after segment.
    SF_CHECK(extra.size() >= 2 && extra.front() == '{' && extra.back() == '}');
    if (extra.size() > 2) {
      out->append(", ");
      out->append(extra, 1, extra.size() - 2);
    }
  }
  out->push_back('}');
}

std::string EncodeSaleJson(const Sale& sale) {
  std::string out;
  out.reserve(256 + sale.extra_json.size());
  AppendSaleJson(sale, &out);
  return out;
}

}  // namespace salesflow
