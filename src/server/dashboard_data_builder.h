#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "server/dashboard_data.h"

namespace salesflow {

// Assembles a DashboardData from table rows given with their strings: interns dimension
// names, sums rows that share a key (the largest sale: the max of theirs) (a gold table has none,
// but a loader reading two files of one minute must not lose either) and sorts minutes and days.
// What a Delta loader uses.
class DashboardDataBuilder {
 public:
  // Starts an empty model for `time_zone` (the zone minutes and days were computed in).
  explicit DashboardDataBuilder(std::string time_zone);

  // Records the table versions the rows come from.
  void SetVersions(DataVersions versions);
  // One gold minute row; amounts in cents (`montant_max`: the largest single sale).
  void AddMinute(LocalMinute minute, std::string_view produit, std::string_view categorie,
                 std::string_view pays, std::string_view segment, int64_t nb_ventes,
                 int64_t quantite, int64_t chiffre_affaires, int64_t montant_max);
  // The index of a dimension name in the model, interned on first use (for AddMinuteBucket).
  uint32_t Produit(std::string_view name);
  uint32_t Categorie(std::string_view name);
  uint32_t Pays(std::string_view name);
  uint32_t Segment(std::string_view name);
  // One gold minute row whose dimension indices come from the four functions above: a loader
  // maps a file's dictionary once instead of hashing every row's strings.
  void AddMinuteBucket(const MinuteBucket& bucket) { data_.minutes.push_back(bucket); }
  // Room for `n` more minute rows.
  void ReserveMinutes(size_t n) { data_.minutes.reserve(data_.minutes.size() + n); }
  // One gold client x day row; a client absent from silver gets a gold-only profile.
  void AddClientDay(std::string_view client_id, LocalDay day, int64_t nb_ventes,
                    int64_t chiffre_affaires);
  // One silver row; replaces a gold-only placeholder for the same client_id.
  void AddClient(ClientProfile profile);

  // The finished model; the builder is left empty.
  DashboardData Finish();

 private:
  uint32_t Intern(std::vector<std::string>& names, std::unordered_map<std::string, uint32_t>& index,
                  std::string_view name);
  uint32_t ClientIndex(std::string_view client_id);

  DashboardData data_;
  std::unordered_map<std::string, uint32_t> produit_index_;
  std::unordered_map<std::string, uint32_t> categorie_index_;
  std::unordered_map<std::string, uint32_t> pays_index_;
  std::unordered_map<std::string, uint32_t> segment_index_;
  std::unordered_map<std::string, uint32_t> client_index_;
};

}  // namespace salesflow
