#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "event/money.h"
#include "event/sale.h"

namespace salesflow {

// Something the shop sells.
struct Product {
  ProduitId id;           // produit_id
  std::string nom;        // produit_nom
  std::string categorie;  // categorie
  Cents prix;             // unit price; a sale's montant is prix x quantite

  friend bool operator==(const Product&, const Product&) = default;
};

// A customer, with the attributes every sale of theirs carries.
struct Client {
  ClientId id;          // client_id
  std::string nom;      // client_nom (a person, or a company for segment Entreprise)
  std::string pays;     // pays, in French as the seed writes it ("Espagne")
  std::string segment;  // "Particulier" or "Entreprise"

  friend bool operator==(const Client&, const Client&) = default;
};

// The clients and products the generator draws sales from.
struct Catalog {
  std::vector<Client> clients;    // ids 1..N
  std::vector<Product> products;  // ids 101..100+M
};

// The seed's catalog: 3 clients (France, Espagne, Royaume-Uni) and 5 products (3 electronics,
// 2 books); see docs/DESIGN.md.
Catalog DefaultCatalog();

// A larger catalog deterministic from `seed`: it starts with the seed's entries, then adds
// clients with realistic French, Spanish and English names from nine countries (companies for
// segment Entreprise) and products from eight categories with realistic prices.
Catalog GenerateCatalog(size_t clients, size_t products, uint64_t seed);

}  // namespace salesflow
