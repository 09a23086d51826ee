#include "event/catalog.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace salesflow {
namespace {

TEST(CatalogTest, DefaultIsTheSeedCatalog) {
  const Catalog c = DefaultCatalog();
  ASSERT_EQ(c.clients.size(), 3u);
  ASSERT_EQ(c.products.size(), 5u);
  EXPECT_EQ(c.clients[0].nom, "Jean Dupont");
  EXPECT_EQ(c.clients[0].pays, "France");
  EXPECT_EQ(c.products[0].nom, "Ordinateur portable");
  EXPECT_EQ(c.products[0].prix, Cents(89999));
  std::set<std::string> categories, segments, countries;
  for (const auto& p : c.products) categories.insert(p.categorie);
  for (const auto& cl : c.clients) {
    segments.insert(cl.segment);
    countries.insert(cl.pays);
  }
  EXPECT_EQ(categories, (std::set<std::string>{"Électronique", "Livres"}));
  EXPECT_EQ(segments, (std::set<std::string>{"Particulier", "Entreprise"}));
  EXPECT_EQ(countries.size(), 3u);
}

TEST(CatalogTest, GeneratedCatalogIsDeterministicVariedAndValid) {
  const Catalog a = GenerateCatalog(3000, 1000, 42);
  const Catalog b = GenerateCatalog(3000, 1000, 42);
  ASSERT_EQ(a.clients, b.clients);
  ASSERT_EQ(a.products, b.products);
  EXPECT_NE(GenerateCatalog(3000, 1000, 43).clients, a.clients);
  ASSERT_EQ(a.clients.size(), 3000u);
  ASSERT_EQ(a.products.size(), 1000u);
  // The seed's entries come first.
  const Catalog seed = DefaultCatalog();
  for (size_t i = 0; i < seed.clients.size(); ++i) EXPECT_EQ(a.clients[i], seed.clients[i]);
  for (size_t i = 0; i < seed.products.size(); ++i) EXPECT_EQ(a.products[i], seed.products[i]);
  std::set<std::string> countries, categories, product_names;
  int entreprises = 0;
  for (size_t i = 0; i < a.clients.size(); ++i) {
    const Client& c = a.clients[i];
    EXPECT_EQ(c.id, ClientId(static_cast<int64_t>(i) + 1));
    EXPECT_FALSE(c.nom.empty());
    EXPECT_LE(c.nom.size(), 256u);
    countries.insert(c.pays);
    entreprises += c.segment == "Entreprise";
  }
  for (size_t i = 0; i < a.products.size(); ++i) {
    const Product& p = a.products[i];
    EXPECT_EQ(p.id, ProduitId(101 + static_cast<int64_t>(i)));
    EXPECT_GE(p.prix.value(), 99);
    EXPECT_LE(p.prix.value(), 250000);
    categories.insert(p.categorie);
    EXPECT_TRUE(product_names.insert(p.nom).second) << "duplicate product name " << p.nom;
  }
  EXPECT_EQ(countries.size(), 9u);
  EXPECT_EQ(categories.size(), 8u);
  EXPECT_GT(entreprises, 400);
  EXPECT_LT(entreprises, 800);
}

TEST(CatalogTest, SmallRequestsTakeAPrefixOfTheSeed) {
  const Catalog c = GenerateCatalog(1, 2, 1);
  ASSERT_EQ(c.clients.size(), 1u);
  ASSERT_EQ(c.products.size(), 2u);
  EXPECT_EQ(c.clients[0].nom, "Jean Dupont");
  EXPECT_EQ(c.products[1].nom, "Smartphone");
}

}  // namespace
}  // namespace salesflow
