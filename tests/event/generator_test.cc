#include "event/generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "event/sale_decoder.h"
#include "event/sale_json.h"

namespace salesflow {
namespace {

std::vector<GeneratedMessage> Generate(const Catalog& catalog, SaleGeneratorOptions options,
                                       int count) {
  SaleGenerator gen(catalog, options);
  std::vector<GeneratedMessage> out(static_cast<size_t>(count));
  for (auto& m : out) gen.Next(&m);
  return out;
}

TEST(GeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  SaleGeneratorOptions options;
  options.seed = 7;
  options.bad_ratio = 0.1;
  options.attribute_change_probability = 0.01;
  const Catalog catalog = GenerateCatalog(200, 50, 7);
  auto a = Generate(catalog, options, 2000);
  auto b = Generate(GenerateCatalog(200, 50, 7), options, 2000);
  options.seed = 8;
  auto c = Generate(catalog, options, 2000);
  size_t differing = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].key, b[i].key) << i;
    ASSERT_EQ(a[i].payload, b[i].payload) << i;
    ASSERT_EQ(a[i].bad, b[i].bad) << i;
    differing += a[i].payload != c[i].payload;
  }
  EXPECT_GT(differing, 1900u);
}

TEST(GeneratorTest, GoodMessagesRoundTripThroughTheDecoder) {
  SaleGeneratorOptions options;
  options.seed = 3;
  options.first_vente_id = 1000;
  options.attribute_change_probability = 0.05;
  SaleGenerator gen(GenerateCatalog(500, 200, 3), options);
  SaleDecoder decoder;
  GeneratedMessage m;
  Sale decoded;
  Rejection rejection;
  int64_t previous_id = 0;
  for (int i = 0; i < 5000; ++i) {
    gen.Next(&m);
    ASSERT_FALSE(m.bad.has_value());
    Status s = decoder.Decode(m.payload, &decoded, &rejection);
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << m.payload;
    EXPECT_EQ(decoded, m.sale);
    EXPECT_EQ(EncodeSaleJson(decoded), m.payload);
    EXPECT_EQ(m.key, std::to_string(decoded.client_id.value()));
    EXPECT_GT(decoded.vente_id.value(), previous_id);
    previous_id = decoded.vente_id.value();
    EXPECT_GE(decoded.quantite, 1);
    EXPECT_LE(decoded.quantite, 5);
  }
  EXPECT_EQ(previous_id, 1000 + 4999);
  EXPECT_EQ(gen.next_vente_id(), VenteId(6000));
}

TEST(GeneratorTest, MontantIsUnitPriceTimesQuantite) {
  const Catalog catalog = DefaultCatalog();
  SaleGenerator gen(catalog, SaleGeneratorOptions{});
  GeneratedMessage m;
  for (int i = 0; i < 500; ++i) {
    gen.Next(&m);
    const Product* product = nullptr;
    for (const Product& p : catalog.products) {
      if (p.id == m.sale.produit_id) product = &p;
    }
    ASSERT_NE(product, nullptr);
    EXPECT_EQ(m.sale.montant.value(), product->prix.value() * m.sale.quantite);
    EXPECT_EQ(m.sale.produit_nom, product->nom);
    EXPECT_EQ(m.sale.categorie, product->categorie);
  }
}

TEST(GeneratorTest, TimestampsFollowStartAndPaceThenTheClock) {
  ManualClock clock(1'000'000'000LL * 1000000);
  SaleGeneratorOptions options;
  options.start_micros = clock.NowMicros() - 10'000'000;  // 10 s of history
  options.pace_micros = 2'000'000;
  options.clock = &clock;
  SaleGenerator gen(DefaultCatalog(), options);
  GeneratedMessage m;
  std::vector<int64_t> stamps;
  for (int i = 0; i < 8; ++i) {
    gen.Next(&m);
    stamps.push_back(m.sale.timestamp.utc_micros);
    EXPECT_TRUE(m.sale.timestamp.naive());
  }
  const int64_t start = options.start_micros;
  EXPECT_EQ(stamps, (std::vector<int64_t>{start, start + 2'000'000, start + 4'000'000,
                                          start + 6'000'000, start + 8'000'000, clock.NowMicros(),
                                          clock.NowMicros(), clock.NowMicros()}));
  clock.Advance(500'000);
  gen.Next(&m);
  EXPECT_EQ(m.sale.timestamp.utc_micros, clock.NowMicros());
}

TEST(GeneratorTest, NaiveTimestampsAreWallClockOfTheZone) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  SaleGeneratorOptions options;
  options.time_zone = *paris;
  SaleGenerator gen(DefaultCatalog(), options);
  GeneratedMessage m;
  gen.Next(&m);
  // 2024-12-16T14:30:00Z is 15:30 in Paris.
  EXPECT_NE(m.payload.find("\"timestamp\": \"2024-12-16T15:30:00\""), std::string::npos)
      << m.payload;
  SaleDecoderOptions decoder_options;
  decoder_options.time_zone = *paris;
  SaleDecoder decoder(decoder_options);
  auto sale = decoder.Decode(m.payload);
  ASSERT_TRUE(sale.ok());
  EXPECT_EQ(sale->timestamp.utc_micros, options.start_micros);
}

TEST(GeneratorTest, EveryBadKindIsRejectedWithItsReason) {
  SaleGeneratorOptions options;
  options.seed = 11;
  options.bad_ratio = 0.5;
  SaleGenerator gen(GenerateCatalog(100, 30, 11), options);
  SaleDecoder decoder;
  GeneratedMessage m;
  Sale decoded;
  Rejection rejection;
  std::map<BadKind, int> seen;
  int bad = 0;
  const int total = 20000;
  for (int i = 0; i < total; ++i) {
    gen.Next(&m);
    Status s = decoder.Decode(m.payload, &decoded, &rejection);
    if (!m.bad) {
      ASSERT_TRUE(s.ok()) << s.ToString();
      continue;
    }
    ++bad;
    ++seen[*m.bad];
    ASSERT_FALSE(s.ok()) << BadKindName(*m.bad) << " accepted: " << m.payload;
    EXPECT_EQ(RejectReasonName(rejection.reason), RejectReasonName(ExpectedRejectReason(*m.bad)))
        << BadKindName(*m.bad) << ": " << s.ToString() << "\n"
        << m.payload.substr(0, 300);
    EXPECT_EQ(m.key, std::to_string(m.sale.client_id.value()));
  }
  EXPECT_NEAR(bad, total / 2, total / 20);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kBadKindCount));
}

TEST(GeneratorTest, AttributeChangesHappenAndShowInEvents) {
  SaleGeneratorOptions options;
  options.attribute_change_probability = 0.05;
  const Catalog initial = GenerateCatalog(50, 20, 5);
  SaleGenerator gen(initial, options);
  GeneratedMessage m;
  std::map<int64_t, std::set<std::string>> names, countries, segments;
  for (int i = 0; i < 5000; ++i) {
    gen.Next(&m);
    const int64_t id = m.sale.client_id.value();
    names[id].insert(m.sale.client_nom);
    countries[id].insert(m.sale.pays);
    segments[id].insert(m.sale.segment);
    const Client& now = gen.catalog().clients[static_cast<size_t>(id - 1)];
    EXPECT_EQ(m.sale.client_nom, now.nom);
    EXPECT_EQ(m.sale.pays, now.pays);
    EXPECT_EQ(m.sale.segment, now.segment);
  }
  auto changed = [](const std::map<int64_t, std::set<std::string>>& by_client) {
    int n = 0;
    for (const auto& [id, values] : by_client) n += values.size() > 1;
    return n;
  };
  EXPECT_GT(changed(names), 0);
  EXPECT_GT(changed(countries), 0);
  EXPECT_GT(changed(segments), 0);
  // Without the option, nothing changes.
  SaleGenerator still(initial, SaleGeneratorOptions{});
  for (int i = 0; i < 2000; ++i) still.Next(&m);
  EXPECT_EQ(still.catalog().clients, initial.clients);
}

}  // namespace
}  // namespace salesflow
