#include "server/fixture_dataset.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <tuple>

#include "base/civil_time.h"
#include "server/dashboard_data_builder.h"

namespace salesflow {
namespace {

constexpr int64_t kMicrosPerMinute = 60LL * 1000 * 1000;

// The fixture's loyalty tiers by lifetime spend (silver owns the real, configurable rule).
std::string FixtureTier(int64_t total_cents) {
  if (total_cents >= 200000) return "platine";
  if (total_cents >= 100000) return "or";
  if (total_cents >= 20000) return "argent";
  return "bronze";
}

}  // namespace

LocalMinute MakeLocalMinute(int32_t year, uint32_t month, uint32_t day, int hour, int minute) {
  return LocalMinute(DaysFromCivil(year, month, day) * kMinutesPerDay + hour * 60 + minute);
}

DashboardData AggregateFixtureSales(const std::vector<FixtureSale>& sales, const TimeZone& zone,
                                    int64_t version) {
  DashboardDataBuilder builder(zone.name());
  builder.SetVersions(
      DataVersions{TableVersion(version), TableVersion(version), TableVersion(version)});
  struct Profile {
    ClientProfile p;
    LocalMinute first{INT64_MAX};
    LocalMinute last{INT64_MIN};
    int64_t last_seen_order = -1;
  };
  std::map<std::string, Profile> profiles;
  LocalMinute newest{INT64_MIN};
  int64_t order = 0;
  for (const FixtureSale& s : sales) {
    builder.AddMinute(s.minute, s.produit, s.categorie, s.pays, s.segment, 1, s.quantite, s.montant,
                      s.montant);
    builder.AddClientDay(s.client_id, DayOf(s.minute), 1, s.montant);
    Profile& pr = profiles[s.client_id];
    pr.p.client_id = s.client_id;
    if (s.minute >= pr.last || pr.last_seen_order < 0) {
      pr.p.client_nom = s.client_nom;
      pr.p.pays = s.pays;
      pr.p.segment = s.segment;
      pr.last_seen_order = order;
    }
    pr.p.total_depense += s.montant;
    pr.p.nb_achats += 1;
    pr.p.quantite_totale += s.quantite;
    pr.first = std::min(pr.first, s.minute);
    pr.last = std::max(pr.last, s.minute);
    newest = std::max(newest, s.minute);
    ++order;
  }
  for (auto& [id, pr] : profiles) {
    ClientProfile p = pr.p;
    // Half-even division to the cent, as silver rounds panier_moyen.
    int64_t q = p.total_depense / p.nb_achats;
    int64_t r = p.total_depense % p.nb_achats;
    if (2 * r > p.nb_achats || (2 * r == p.nb_achats && q % 2 == 1)) ++q;
    p.panier_moyen = q;
    p.premier_achat_us = zone.LocalToUtcMicros(pr.first.value() * kMicrosPerMinute);
    p.dernier_achat_us = zone.LocalToUtcMicros(pr.last.value() * kMicrosPerMinute);
    p.jours_depuis_dernier_achat = (newest.value() - pr.last.value()) / kMinutesPerDay;
    p.fidelite = FixtureTier(p.total_depense);
    // Churn risk: silent for more than three times the client's usual interval (7 days when
    // there is only one purchase to go by).
    int64_t usual = p.nb_achats > 1 ? (pr.last.value() - pr.first.value()) / (p.nb_achats - 1)
                                    : 7 * kMinutesPerDay;
    p.risque_churn = newest.value() - pr.last.value() > 3 * std::max<int64_t>(usual, 60);
    builder.AddClient(std::move(p));
  }
  return builder.Finish();
}

std::vector<FixtureSale> ReferenceFixtureSales() {
  auto at = [](uint32_t day, int h, int m) { return MakeLocalMinute(2024, 12, day, h, m); };
  const std::string alice = "Alice Martin", dupont = "Bureau Dupont SARL",
                    janssens = "Brasserie Janssens", meier = "Lukas Meier", emma = "Emma Peeters";
  return {
      {at(15, 9, 15), "CLI001", alice, "France", "Particulier", "Ecran", "Electronique", 1, 24950},
      {at(16, 10, 0), "CLI001", alice, "France", "Particulier", "Laptop", "Electronique", 1, 99999},
      {at(16, 10, 0), "CLI001", alice, "France", "Particulier", "Laptop", "Electronique", 1, 99999},
      {at(16, 10, 0), "CLI002", dupont, "France", "Entreprise", "Souris", "Accessoires", 3, 7500},
      {at(16, 10, 1), "CLI003", janssens, "Belgique", "Entreprise", "Laptop", "Electronique", 1,
       99999},
      {at(16, 11, 30), "CLI004", meier, "Suisse", "Particulier", "Clavier", "Accessoires", 1, 4999},
      {at(16, 11, 30), "CLI004", meier, "Suisse", "Particulier", "Clavier", "Accessoires", 1, 4999},
      {at(16, 11, 30), "CLI004", meier, "Suisse", "Particulier", "Clavier", "Accessoires", 2, 9998},
      {at(17, 18, 45), "CLI005", emma, "Belgique", "Particulier", "Souris", "Accessoires", 1, 2500},
      {at(17, 18, 45), "CLI005", emma, "Belgique", "Particulier", "Souris", "Accessoires", 1, 2500},
  };
}

FixtureSale ReferenceLiveSale(int64_t step) {
  LocalMinute m(MakeLocalMinute(2024, 12, 17, 18, 45).value() + step);
  return {m, "CLI004", "Lukas Meier", "Suisse", "Particulier", "Clavier", "Accessoires", 1, 10000};
}

namespace {

struct DemoCatalog {
  struct Product {
    const char* name;
    const char* categorie;
    int64_t price;  // cents
  };
  struct Client {
    std::string id;
    std::string nom;
    const char* pays;
    const char* segment;
  };
  std::vector<Product> products = {
      {"Laptop", "Electronique", 89999}, {"Smartphone", "Electronique", 59900},
      {"Ecran", "Electronique", 21950},  {"Casque", "Audio", 12990},
      {"Enceinte", "Audio", 7990},       {"Clavier", "Accessoires", 4999},
      {"Souris", "Accessoires", 2500},   {"Chaise", "Mobilier", 18900},
      {"Bureau", "Mobilier", 34900},     {"Imprimante", "Bureautique", 15990},
  };
  std::vector<Client> clients;

  DemoCatalog() {
    static const char* kFirst[] = {"Alice", "Hugo",  "Lea",   "Lucas", "Chloe", "Louis",
                                   "Emma",  "Jules", "Manon", "Noah",  "Sarah", "Adam"};
    static const char* kLast[] = {"Martin", "Bernard", "Dubois", "Thomas", "Robert",
                                  "Petit",  "Durand",  "Leroy",  "Moreau", "Simon"};
    static const char* kPays[] = {"France", "France", "France",     "Belgique",
                                  "Suisse", "Canada", "Luxembourg", "Maroc"};
    static const char* kSegment[] = {"Particulier", "Particulier", "Entreprise", "PME"};
    for (int i = 0; i < 120; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "CLI%04d", i + 1);
      clients.push_back({id, std::string(kFirst[i % 12]) + " " + kLast[(i / 12) % 10],
                         kPays[(i * 7) % 8], kSegment[(i * 3) % 4]});
    }
  }
};

const DemoCatalog& Catalog() {
  static const DemoCatalog catalog;
  return catalog;
}

// Sales of one minute; a daily rhythm makes the charts look like a shop's.
void DemoMinute(std::mt19937_64& rng, LocalMinute minute, std::vector<FixtureSale>& out) {
  const DemoCatalog& c = Catalog();
  int hour =
      static_cast<int>((minute.value() % kMinutesPerDay + kMinutesPerDay) % kMinutesPerDay / 60);
  double rate = (hour >= 8 && hour < 22) ? 1.2 : 0.15;
  if (hour >= 12 && hour < 14) rate = 2.0;
  std::poisson_distribution<int> count(rate);
  int n = count(rng);
  for (int i = 0; i < n; ++i) {
    // A few clients buy far more often: a top-client table with a clear leader.
    size_t ci = static_cast<size_t>(
        std::min<double>(static_cast<double>(c.clients.size() - 1),
                         std::exponential_distribution<double>(1.0 / 30.0)(rng)));
    const auto& client = c.clients[ci];
    const auto& product =
        c.products[std::uniform_int_distribution<size_t>(0, c.products.size() - 1)(rng)];
    int64_t qty = std::uniform_int_distribution<int64_t>(1, 3)(rng);
    out.push_back({minute, client.id, client.nom, client.pays, client.segment, product.name,
                   product.categorie, qty, product.price * qty});
  }
}

}  // namespace

std::vector<FixtureSale> DemoFixtureSales(uint64_t seed, int64_t days, LocalMinute end) {
  std::vector<FixtureSale> out;
  for (int64_t m = end.value() - days * kMinutesPerDay; m < end.value(); ++m) {
    std::mt19937_64 rng(seed ^ static_cast<uint64_t>(m) * 0x9E3779B97F4A7C15ULL);
    DemoMinute(rng, LocalMinute(m), out);
  }
  return out;
}

std::vector<FixtureSale> DemoLiveSales(uint64_t seed, LocalMinute minute) {
  std::vector<FixtureSale> out;
  std::mt19937_64 rng(seed ^ static_cast<uint64_t>(minute.value()) * 0x9E3779B97F4A7C15ULL);
  DemoMinute(rng, minute, out);
  if (out.empty()) DemoMinute(rng, minute, out);
  return out;
}

}  // namespace salesflow
