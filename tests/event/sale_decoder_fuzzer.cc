// libFuzzer target: any bytes through the decoder must give a Sale or a reason, never a crash,
// and every accepted Sale must satisfy the contract and survive encode -> decode unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/check.h"
#include "event/money.h"
#include "event/sale_decoder.h"
#include "event/sale_json.h"

namespace {

bool HasControl(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

void CheckText(const std::string& s) {
  SF_CHECK(!s.empty());
  SF_CHECK_LE(s.size(), size_t{256});
  SF_CHECK(!HasControl(s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesflow;
  // Reused across inputs, as bronze does: state must not leak from one message to the next.
  static SaleDecoder decoder;
  static SaleDecoder roomy([] {
    // Re-encoding may add separator spaces to extra fields: allow the larger size.
    SaleDecoderOptions o;
    o.max_message_bytes = 1 << 20;
    return o;
  }());
  const std::string_view payload(reinterpret_cast<const char*>(data), size);

  Cents cents;
  (void)ParseCents(payload, &cents);  // the money parser alone, on arbitrary text

  Sale sale;
  Rejection rejection;
  if (!decoder.Decode(payload, &sale, &rejection).ok()) {
    SF_CHECK(!rejection.message.empty());
    SF_CHECK(RejectReasonName(rejection.reason) != "unknown");
    // Bronze stores both as UTF-8 text.
    SF_CHECK(simdjson::validate_utf8(rejection.message));
    SF_CHECK(simdjson::validate_utf8(rejection.field));
    SF_CHECK(!HasControl(rejection.message));
    SF_CHECK(!HasControl(rejection.field));
    return 0;
  }
  // Differential check: whatever On Demand accepted, simdjson's fully validating DOM parser
  // must accept too (On Demand only validates what it reads).
  // The one exception: DOM refuses integers beyond 64 bits (NUMBER_ERROR in simdjson 3.0), which
  // are valid JSON and which we keep verbatim inside unknown fields (found by this fuzzer).
  static simdjson::dom::parser dom;
  simdjson::dom::element root;
  simdjson::error_code dom_error = dom.parse(reinterpret_cast<const char*>(data), size).get(root);
  SF_CHECK(dom_error == simdjson::SUCCESS || dom_error == simdjson::NUMBER_ERROR);
  SF_CHECK(dom_error != simdjson::SUCCESS || root.is_object());
  SF_CHECK_GE(sale.vente_id.value(), 1);
  SF_CHECK_GE(sale.client_id.value(), 1);
  SF_CHECK_GE(sale.produit_id.value(), 1);
  SF_CHECK_GE(sale.quantite, 1);
  SF_CHECK_GE(sale.montant.value(), 0);
  SF_CHECK_LE(sale.montant.value(), kMaxCents);
  CheckText(sale.client_nom);
  CheckText(sale.produit_nom);
  CheckText(sale.categorie);
  CheckText(sale.pays);
  CheckText(sale.segment);
  SF_CHECK(sale.extra_json.empty() ||
           (sale.extra_json.front() == '{' && sale.extra_json.back() == '}'));

  const std::string encoded = EncodeSaleJson(sale);
  Sale again;
  Status status = roomy.Decode(encoded, &again, &rejection);
  if (!status.ok()) {
    std::fprintf(stderr, "re-decode failed: %s\n%s\n", status.ToString().c_str(), encoded.c_str());
    std::abort();
  }
  SF_CHECK(again == sale);
  SF_CHECK_EQ(EncodeSaleJson(again), encoded);
  return 0;
}
