#include "event/generator.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/check.h"
#include "event/catalog_names.h"
#include "event/sale_json.h"

namespace salesflow {

SaleGenerator::SaleGenerator(Catalog catalog, SaleGeneratorOptions options)
    : catalog_(std::move(catalog)), options_(std::move(options)), rng_(options_.seed) {
  SF_CHECK(!catalog_.clients.empty());
  SF_CHECK(!catalog_.products.empty());
  SF_CHECK_GE(options_.first_vente_id, 1);
}

void SaleGenerator::ChangeAttributes(Client& client) {
  const auto countries = CatalogCountries();
  const CountryNames* home = &countries.front();
  for (const CountryNames& c : countries) {
    if (c.pays == client.pays) home = &c;
  }
  switch (rng_.Below(3)) {
    case 0:  // a new name (marriage, company renamed), from the same country
      if (client.segment == "Entreprise") {
        client.nom = std::string(home->last[rng_.Below(home->last.size())]) + " " +
                     std::string(home->company[rng_.Below(home->company.size())]);
      } else {
        const size_t space = client.nom.find(' ');
        client.nom = client.nom.substr(0, space) + " " +
                     std::string(home->last[rng_.Below(home->last.size())]);
      }
      break;
    case 1: {  // moved to another country: uniform over the others
      size_t pick = rng_.Below(countries.size() - 1);
      if (countries[pick].pays == client.pays) pick = countries.size() - 1;
      client.pays = std::string(countries[pick].pays);
      break;
    }
    default:  // became a company customer, or the other way round
      client.segment = client.segment == "Entreprise" ? "Particulier" : "Entreprise";
      break;
  }
}

void SaleGenerator::Next(GeneratedMessage* out) {
  const int64_t index = produced_++;
  // Skewed towards low client ids (the smaller of two uniform draws): a few heavy buyers.
  const uint64_t n_clients = catalog_.clients.size();
  Client& client = catalog_.clients[std::min(rng_.Below(n_clients), rng_.Below(n_clients))];
  const Product& product = catalog_.products[rng_.Below(catalog_.products.size())];
  if (rng_.Chance(options_.attribute_change_probability)) ChangeAttributes(client);

  Sale& sale = out->sale;
  sale.vente_id = VenteId(options_.first_vente_id + index);
  sale.client_id = client.id;
  sale.produit_id = product.id;
  int64_t when = options_.start_micros + index * options_.pace_micros;
  if (options_.clock != nullptr) when = std::min(when, options_.clock->NowMicros());
  sale.timestamp = NaiveSaleTimeAt(when, options_.time_zone);
  sale.quantite = static_cast<int32_t>(rng_.Between(1, 5));
  sale.montant = Cents(product.prix.value() * sale.quantite);
  sale.client_nom = client.nom;
  sale.produit_nom = product.nom;
  sale.categorie = product.categorie;
  sale.pays = client.pays;
  sale.segment = client.segment;
  sale.extra_json.clear();

  out->key.clear();
  fmt::format_to(std::back_inserter(out->key), "{}", client.id.value());
  out->bad.reset();
  if (rng_.Chance(options_.bad_ratio)) {
    const auto kind = static_cast<BadKind>(rng_.Below(kBadKindCount));
    out->bad = kind;
    MakeBadPayload(kind, sale, rng_, &out->payload);
    return;
  }
  out->payload.clear();
  AppendSaleJson(sale, &out->payload);
}

}  // namespace salesflow
