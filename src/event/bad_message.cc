#include "event/bad_message.h"

#include <array>
#include <utility>
#include <vector>

#include "base/json_string.h"
#include "event/sale_json.h"

namespace salesflow {
namespace {

using FieldList = std::vector<std::pair<std::string, std::string>>;

std::string TextValue(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string Shortest(Cents cents) {
  std::string out;
  AppendCentsShortest(cents, &out);
  return out;
}

// The sale's fields as (key, JSON value text), in the seed's order.
FieldList Fields(const Sale& sale) {
  return {
      {"vente_id", std::to_string(sale.vente_id.value())},
      {"client_id", std::to_string(sale.client_id.value())},
      {"produit_id", std::to_string(sale.produit_id.value())},
      {"timestamp", TextValue(FormatSaleTime(sale.timestamp))},
      {"quantite", std::to_string(sale.quantite)},
      {"montant", Shortest(sale.montant)},
      {"client_nom", TextValue(sale.client_nom)},
      {"produit_nom", TextValue(sale.produit_nom)},
      {"categorie", TextValue(sale.categorie)},
      {"pays", TextValue(sale.pays)},
      {"segment", TextValue(sale.segment)},
  };
}

std::string& ValueOf(FieldList& fields, std::string_view key) {
  for (auto& [k, v] : fields) {
    if (k == key) return v;
  }
  return fields.front().second;  // keys are fixed above; never reached
}

// "-" + text, written so g++ 12 at -O3 does not warn (-Wrestrict false positive on
// operator+(const char*, string&&)).
std::string Negated(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  out.push_back('-');
  out.append(text);
  return out;
}

void Join(const FieldList& fields, std::string* out) {
  out->clear();
  out->push_back('{');
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->append(", ");
    out->push_back('"');
    out->append(fields[i].first);
    out->append("\": ");
    out->append(fields[i].second);
  }
  out->push_back('}');
}

}  // namespace

std::string_view BadKindName(BadKind kind) {
  switch (kind) {
    case BadKind::kTruncated:
      return "truncated";
    case BadKind::kNotJson:
      return "not_json";
    case BadKind::kWrongType:
      return "wrong_type";
    case BadKind::kMissingField:
      return "missing_field";
    case BadKind::kNegativeQuantite:
      return "negative_quantite";
    case BadKind::kSubCentAmount:
      return "sub_cent_amount";
    case BadKind::kBadTimestamp:
      return "bad_timestamp";
    case BadKind::kInvalidUtf8:
      return "invalid_utf8";
    case BadKind::kHugeString:
      return "huge_string";
    case BadKind::kNegativeAmount:
      return "negative_amount";
    case BadKind::kBadId:
      return "bad_id";
    case BadKind::kDuplicateField:
      return "duplicate_field";
  }
  return "unknown";
}

RejectReason ExpectedRejectReason(BadKind kind) {
  switch (kind) {
    case BadKind::kTruncated:
    case BadKind::kNotJson:
      return RejectReason::kMalformedJson;
    case BadKind::kWrongType:
      return RejectReason::kWrongType;
    case BadKind::kMissingField:
      return RejectReason::kMissingField;
    case BadKind::kNegativeQuantite:
    case BadKind::kBadId:
      return RejectReason::kOutOfRange;
    case BadKind::kSubCentAmount:
      return RejectReason::kSubCentAmount;
    case BadKind::kBadTimestamp:
      return RejectReason::kBadTimestamp;
    case BadKind::kInvalidUtf8:
      return RejectReason::kInvalidUtf8;
    case BadKind::kHugeString:
      return RejectReason::kStringTooLong;
    case BadKind::kNegativeAmount:
      return RejectReason::kNegativeAmount;
    case BadKind::kDuplicateField:
      return RejectReason::kDuplicateField;
  }
  return RejectReason::kMalformedJson;
}

void MakeBadPayload(BadKind kind, const Sale& sale, DeterministicRandom& rng, std::string* out) {
  FieldList fields = Fields(sale);
  switch (kind) {
    case BadKind::kTruncated: {
      Join(fields, out);
      size_t cut = static_cast<size_t>(rng.Between(1, static_cast<int64_t>(out->size()) - 1));
      // Never inside a multi-byte character: that would be invalid_utf8, another kind.
      while (cut > 1 && (static_cast<unsigned char>((*out)[cut]) & 0xC0) == 0x80) --cut;
      out->resize(cut);
      return;
    }
    case BadKind::kNotJson: {
      const std::string id = std::to_string(sale.vente_id.value());
      switch (rng.Below(3)) {
        case 0:
          *out =
              id + ";" + std::to_string(sale.client_id.value()) + ";" + FormatCents(sale.montant);
          return;
        case 1:
          *out = "<vente id=\"" + id + "\"/>";
          return;
        default:  // print(dict) instead of json.dumps(dict)
          *out = "{'vente_id': " + id + ", 'client_nom': '" + sale.client_nom + "'}";
          return;
      }
    }
    case BadKind::kWrongType: {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSwaps = {{
          {"quantite", "\"2\""},
          {"montant", "\"12.50\""},
          {"client_id", "\"1\""},
          {"vente_id", "[1]"},
          {"produit_id", "null"},
          {"categorie", "123"},
          {"timestamp", "1734359400"},
          {"segment", "true"},
      }};
      const auto& [key, value] = kSwaps[rng.Below(kSwaps.size())];
      ValueOf(fields, key) = std::string(value);
      break;
    }
    case BadKind::kMissingField:
      fields.erase(fields.begin() + static_cast<ptrdiff_t>(rng.Below(fields.size())));
      break;
    case BadKind::kNegativeQuantite:
      ValueOf(fields, "quantite") = Negated(std::to_string(sale.quantite));
      break;
    case BadKind::kSubCentAmount:
      ValueOf(fields, "montant") = FormatCents(sale.montant) + std::to_string(rng.Between(1, 9));
      break;
    case BadKind::kBadTimestamp: {
      static constexpr std::array<std::string_view, 5> kBad = {
          "\"16/12/2024 14:30\"", "\"2024-13-45T25:61:00\"", "\"hier\"", "\"2024-02-30T10:00:00\"",
          "\"\""};
      ValueOf(fields, "timestamp") = std::string(kBad[rng.Below(kBad.size())]);
      break;
    }
    case BadKind::kInvalidUtf8: {
      static constexpr std::array<std::string_view, 3> kBytes = {"\xff", "\xc3\x28",
                                                                 "\xed\xa0\x80"};
      ValueOf(fields, "client_nom") =
          "\"" + sale.client_nom + std::string(kBytes[rng.Below(kBytes.size())]) + "\"";
      break;
    }
    case BadKind::kHugeString: {
      std::string huge;
      while (huge.size() < 4096) huge += sale.client_nom + " ";
      ValueOf(fields, "client_nom") = TextValue(huge);
      break;
    }
    case BadKind::kNegativeAmount:
      ValueOf(fields, "montant") = Negated(Shortest(Cents(sale.montant.value() + 1)));
      break;
    case BadKind::kBadId:
      ValueOf(fields, "produit_id") =
          rng.Below(2) == 0 ? "0" : Negated(ValueOf(fields, "produit_id"));
      break;
    case BadKind::kDuplicateField:
      fields.emplace_back("montant", Shortest(sale.montant));
      break;
  }
  Join(fields, out);
}

}  // namespace salesflow
