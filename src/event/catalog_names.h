#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace salesflow {

// Realistic names for one country of a generated catalog.
struct CountryNames {
  std::string_view pays;                      // country as written in events (French)
  int weight;                                 // relative share of clients
  std::span<const std::string_view> first;    // given names
  std::span<const std::string_view> last;     // family names
  std::span<const std::string_view> company;  // legal-form suffixes for Entreprise clients
};

// A kind of product and its realistic unit price range.
struct ProductTemplate {
  std::string_view nom;  // e.g. "Casque audio"
  int64_t min_cents;     // lowest unit price
  int64_t max_cents;     // highest unit price
};

// One category of a generated catalog.
struct CategoryTemplates {
  std::string_view categorie;                 // e.g. "Électronique"
  int weight;                                 // relative share of products
  std::span<const ProductTemplate> products;  // kinds of products in it
};

// The name tables GenerateCatalog draws from (France, Belgique, Suisse, Canada, Espagne,
// Mexique, Royaume-Uni, Irlande, États-Unis).
std::span<const CountryNames> CatalogCountries();
// Eight categories: Électronique, Livres, Maison, Sport, Vêtements, Jouets, Beauté, Jardin.
std::span<const CategoryTemplates> CatalogCategories();
// Model suffixes that tell apart two products made from the same template (" Pro", " Lite").
std::span<const std::string_view> ProductVariants();

}  // namespace salesflow
