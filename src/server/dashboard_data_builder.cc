#include "server/dashboard_data_builder.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace salesflow {

DashboardDataBuilder::DashboardDataBuilder(std::string time_zone) {
  data_.time_zone = std::move(time_zone);
}

void DashboardDataBuilder::SetVersions(DataVersions versions) {
  data_.versions = versions;
}

uint32_t DashboardDataBuilder::Intern(std::vector<std::string>& names,
                                      std::unordered_map<std::string, uint32_t>& index,
                                      std::string_view name) {
  auto [it, inserted] = index.try_emplace(std::string(name), static_cast<uint32_t>(names.size()));
  if (inserted) names.emplace_back(name);
  return it->second;
}

uint32_t DashboardDataBuilder::Produit(std::string_view name) {
  return Intern(data_.produits, produit_index_, name);
}

uint32_t DashboardDataBuilder::Categorie(std::string_view name) {
  return Intern(data_.categories, categorie_index_, name);
}

uint32_t DashboardDataBuilder::Pays(std::string_view name) {
  return Intern(data_.pays, pays_index_, name);
}

uint32_t DashboardDataBuilder::Segment(std::string_view name) {
  return Intern(data_.segments, segment_index_, name);
}

uint32_t DashboardDataBuilder::ClientIndex(std::string_view client_id) {
  auto [it, inserted] = client_index_.try_emplace(std::string(client_id),
                                                  static_cast<uint32_t>(data_.clients.size()));
  if (inserted) {
    ClientProfile placeholder;
    placeholder.client_id = std::string(client_id);
    placeholder.client_nom = std::string(client_id);
    placeholder.in_silver = false;
    data_.clients.push_back(std::move(placeholder));
  }
  return it->second;
}

void DashboardDataBuilder::AddMinute(LocalMinute minute, std::string_view produit,
                                     std::string_view categorie, std::string_view pays,
                                     std::string_view segment, int64_t nb_ventes, int64_t quantite,
                                     int64_t chiffre_affaires, int64_t montant_max) {
  MinuteBucket b;
  b.minute = minute;
  b.produit = Intern(data_.produits, produit_index_, produit);
  b.categorie = Intern(data_.categories, categorie_index_, categorie);
  b.pays = Intern(data_.pays, pays_index_, pays);
  b.segment = Intern(data_.segments, segment_index_, segment);
  b.nb_ventes = nb_ventes;
  b.quantite = quantite;
  b.chiffre_affaires = chiffre_affaires;
  b.montant_max = montant_max;
  data_.minutes.push_back(b);
}

void DashboardDataBuilder::AddClientDay(std::string_view client_id, LocalDay day, int64_t nb_ventes,
                                        int64_t chiffre_affaires) {
  ClientDay row;
  row.day = day;
  row.client = ClientIndex(client_id);
  row.nb_ventes = nb_ventes;
  row.chiffre_affaires = chiffre_affaires;
  data_.client_days.push_back(row);
}

void DashboardDataBuilder::AddClient(ClientProfile profile) {
  uint32_t i = ClientIndex(profile.client_id);
  profile.in_silver = true;
  data_.clients[i] = std::move(profile);
}

DashboardData DashboardDataBuilder::Finish() {
  auto minute_key = [](const MinuteBucket& b) {
    return std::make_tuple(b.minute, b.produit, b.categorie, b.pays, b.segment);
  };
  auto minute_less = [&](const MinuteBucket& a, const MinuteBucket& b) {
    return minute_key(a) < minute_key(b);
  };
  // Rows loaded from files written in minute order often arrive sorted already.
  if (!std::is_sorted(data_.minutes.begin(), data_.minutes.end(), minute_less)) {
    std::sort(data_.minutes.begin(), data_.minutes.end(), minute_less);
  }
  std::vector<MinuteBucket> merged;
  merged.reserve(data_.minutes.size());
  for (const MinuteBucket& b : data_.minutes) {
    if (!merged.empty() && minute_key(merged.back()) == minute_key(b)) {
      merged.back().nb_ventes += b.nb_ventes;
      merged.back().quantite += b.quantite;
      merged.back().chiffre_affaires += b.chiffre_affaires;
      merged.back().montant_max = std::max(merged.back().montant_max, b.montant_max);
    } else {
      merged.push_back(b);
    }
  }
  data_.minutes = std::move(merged);

  auto day_key = [](const ClientDay& r) { return std::make_pair(r.day, r.client); };
  std::sort(data_.client_days.begin(), data_.client_days.end(),
            [&](const ClientDay& a, const ClientDay& b) { return day_key(a) < day_key(b); });
  std::vector<ClientDay> days;
  days.reserve(data_.client_days.size());
  for (const ClientDay& r : data_.client_days) {
    if (!days.empty() && day_key(days.back()) == day_key(r)) {
      days.back().nb_ventes += r.nb_ventes;
      days.back().chiffre_affaires += r.chiffre_affaires;
    } else {
      days.push_back(r);
    }
  }
  data_.client_days = std::move(days);

  DashboardData out = std::move(data_);
  data_ = DashboardData{};
  data_.time_zone = out.time_zone;
  produit_index_.clear();
  categorie_index_.clear();
  pays_index_.clear();
  segment_index_.clear();
  client_index_.clear();
  return out;
}

}  // namespace salesflow
