#include "event/catalog.h"

#include <string_view>
#include <unordered_map>

#include "event/catalog_names.h"
#include "event/deterministic_random.h"

namespace salesflow {
namespace {

// Keeps generated catalogs independent from event streams that use the same seed.
constexpr uint64_t kCatalogStream = 0xC47A1060C47A1060ULL;
constexpr int kEntreprisePercent = 20;

template <typename T>
const T& PickWeighted(std::span<const T> items, DeterministicRandom& rng) {
  int total = 0;
  for (const T& item : items) total += item.weight;
  int64_t r = rng.Between(0, total - 1);
  for (const T& item : items) {
    if (r < item.weight) return item;
    r -= item.weight;
  }
  return items.back();
}

std::string_view PickName(std::span<const std::string_view> names, DeterministicRandom& rng) {
  return names[rng.Below(names.size())];
}

// A shop-like price in [min, max]: whole units ending in .99 mostly, else .49 or .00.
Cents ShopPrice(const ProductTemplate& t, DeterministicRandom& rng) {
  const int64_t units = rng.Between(t.min_cents, t.max_cents) / 100;
  const int64_t ending_draw = rng.Below(10);
  const int64_t ending = ending_draw < 7 ? 99 : ending_draw < 9 ? 49 : 0;
  const int64_t cents = units * 100 + ending;
  return Cents(cents < 99 ? 99 : cents);
}

}  // namespace

Catalog DefaultCatalog() {
  Catalog c;
  c.clients = {
      {ClientId(1), "Jean Dupont", "France", "Particulier"},
      {ClientId(2), "Maria Garcia", "Espagne", "Entreprise"},
      {ClientId(3), "John Smith", "Royaume-Uni", "Particulier"},
  };
  c.products = {
      {ProduitId(101), "Ordinateur portable", "Électronique", Cents(89999)},
      {ProduitId(102), "Smartphone", "Électronique", Cents(59999)},
      {ProduitId(103), "Casque audio", "Électronique", Cents(7999)},
      {ProduitId(104), "Livre \"Le Petit Prince\"", "Livres", Cents(1250)},
      {ProduitId(105), "Livre \"1984\"", "Livres", Cents(999)},
  };
  return c;
}

Catalog GenerateCatalog(size_t clients, size_t products, uint64_t seed) {
  DeterministicRandom rng(seed ^ kCatalogStream);
  Catalog c = DefaultCatalog();
  if (c.clients.size() > clients) c.clients.resize(clients);
  if (c.products.size() > products) c.products.resize(products);
  c.clients.reserve(clients);
  c.products.reserve(products);

  const auto countries = CatalogCountries();
  while (c.clients.size() < clients) {
    const CountryNames& country = PickWeighted(countries, rng);
    Client client;
    client.id = ClientId(static_cast<int64_t>(c.clients.size()) + 1);
    client.pays = std::string(country.pays);
    if (static_cast<int>(rng.Below(100)) < kEntreprisePercent) {
      client.segment = "Entreprise";
      client.nom = std::string(PickName(country.last, rng)) + " " +
                   std::string(PickName(country.company, rng));
    } else {
      client.segment = "Particulier";
      client.nom = std::string(PickName(country.first, rng)) + " " +
                   std::string(PickName(country.last, rng));
    }
    c.clients.push_back(std::move(client));
  }

  // How many products each template has named so far: the k-th gets a distinct name,
  // "Smartphone", "Smartphone Pro", ..., "Smartphone Classique", "Smartphone Pro 2", ...
  std::unordered_map<std::string, size_t> uses;
  for (const Product& p : c.products) ++uses[p.nom];
  const auto categories = CatalogCategories();
  const auto variants = ProductVariants();
  while (c.products.size() < products) {
    const CategoryTemplates& category = PickWeighted(categories, rng);
    const ProductTemplate& t = category.products[rng.Below(category.products.size())];
    Product product;
    product.id = ProduitId(100 + static_cast<int64_t>(c.products.size()) + 1);
    product.categorie = std::string(category.categorie);
    product.prix = ShopPrice(t, rng);
    product.nom = std::string(t.nom);
    const size_t k = uses[product.nom]++;
    if (k > 0) {
      product.nom += variants[(k - 1) % variants.size()];
      if (const size_t round = (k - 1) / variants.size(); round > 0) {
        product.nom += " " + std::to_string(round + 1);
      }
    }
    c.products.push_back(std::move(product));
  }
  return c;
}

}  // namespace salesflow
