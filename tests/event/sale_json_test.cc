#include "event/sale_json.h"

#include <gtest/gtest.h>

#include "base/json_string.h"

namespace salesflow {
namespace {

Sale SeedSale() {
  Sale s;
  s.vente_id = VenteId(42);
  s.client_id = ClientId(1);
  s.produit_id = ProduitId(101);
  s.timestamp = NaiveSaleTime(1734359400LL * 1000000, TimeZone());
  s.quantite = 2;
  s.montant = Cents(179998);
  s.client_nom = "Jean Dupont";
  s.produit_nom = "Ordinateur portable";
  s.categorie = "Électronique";
  s.pays = "France";
  s.segment = "Particulier";
  return s;
}

TEST(SaleJsonTest, SeedFormatAndOrder) {
  EXPECT_EQ(EncodeSaleJson(SeedSale()),
            R"({"vente_id": 42, "client_id": 1, "produit_id": 101, )"
            R"("timestamp": "2024-12-16T14:30:00", "quantite": 2, "montant": 1799.98, )"
            R"("client_nom": "Jean Dupont", "produit_nom": "Ordinateur portable", )"
            R"("categorie": "Électronique", "pays": "France", "segment": "Particulier"})");
}

TEST(SaleJsonTest, MontantAsPythonPrintsTheFloat) {
  Sale s = SeedSale();
  for (auto [cents, text] : std::vector<std::pair<int64_t, std::string>>{
           {1250, "12.5"}, {3000, "30.0"}, {0, "0.0"}, {7, "0.07"}, {10, "0.1"}}) {
    s.montant = Cents(cents);
    EXPECT_NE(EncodeSaleJson(s).find("\"montant\": " + text + ","), std::string::npos) << text;
  }
}

TEST(SaleJsonTest, TimestampFormsAreKept) {
  Sale s = SeedSale();
  s.timestamp.form = SaleTimeForm::kZulu;
  s.timestamp.utc_micros += 123456;
  EXPECT_NE(EncodeSaleJson(s).find("\"2024-12-16T14:30:00.123456Z\""), std::string::npos);
  s.timestamp.form = SaleTimeForm::kOffset;
  s.timestamp.utc_offset_seconds = -(5 * 3600 + 30 * 60);
  EXPECT_NE(EncodeSaleJson(s).find("\"2024-12-16T09:00:00.123456-05:30\""), std::string::npos);
}

TEST(SaleJsonTest, ExtraFieldsFollowSegment) {
  Sale s = SeedSale();
  s.extra_json = R"({"canal": "web", "n": [1, 2]})";
  const std::string json = EncodeSaleJson(s);
  EXPECT_EQ(json.substr(json.find("\"segment\"")),
            R"("segment": "Particulier", "canal": "web", "n": [1, 2]})");
  s.extra_json = "{}";
  EXPECT_EQ(EncodeSaleJson(s), EncodeSaleJson(SeedSale()));
}

TEST(SaleJsonTest, StringEscapes) {
  std::string out;
  AppendJsonString("a\"b\\c\nd\te\x01 é \x7f", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 é \x7f\"");
}

}  // namespace
}  // namespace salesflow
