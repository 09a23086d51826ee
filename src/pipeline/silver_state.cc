#include "pipeline/silver_state.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "base/check.h"

namespace salesflow::pipeline {
namespace {

constexpr int64_t kMicrosPerMinute = 60LL * 1000 * 1000;
constexpr int64_t kMicrosPerDay = 24LL * 60 * kMicrosPerMinute;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t FloorMod(int64_t a, int64_t b) {
  return a - FloorDiv(a, b) * b;
}

// splitmix64 finaliser: client ids are often sequential, so spread them over the slots.
uint64_t Mix(int64_t v) {
  auto z = static_cast<uint64_t>(v) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void Add(SalesTotals& t, const SilverInputRow& row) {
  t.nb_ventes += 1;
  t.quantite += row.quantite;
  t.chiffre_affaires += row.montant_cents;
}

// std::map node: value plus three pointers and the colour word.
template <typename Map>
size_t MapBytes(const Map& m) {
  return m.size() * (sizeof(typename Map::value_type) + 4 * sizeof(void*));
}

}  // namespace

int64_t PanierMoyenCents(int64_t total_cents, int64_t nb) {
  if (nb <= 0) return 0;
  const bool negative = total_cents < 0;
  const int64_t magnitude = negative ? -total_cents : total_cents;
  int64_t q = magnitude / nb;
  const int64_t r = magnitude % nb;
  // Compare 2r with nb without overflow: r < nb, so r > nb - r is the same test.
  if (r > nb - r || (r == nb - r && (q % 2) == 1)) ++q;
  return negative ? -q : q;
}

SilverState::SilverState(TimeZone zone) : zone_(std::move(zone)) {}

void SilverState::GrowIndex() {
  const size_t new_size = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<uint32_t> grown(new_size, 0);
  const size_t mask = new_size - 1;
  for (size_t i = 0; i < client_ids_.size(); ++i) {
    size_t s = Mix(client_ids_[i]) & mask;
    while (grown[s] != 0) s = (s + 1) & mask;
    grown[s] = static_cast<uint32_t>(i + 1);
  }
  slots_.swap(grown);
}

uint32_t SilverState::FindOrAddClient(int64_t client_id, bool* added) {
  // Load factor at most 1/2 keeps probes short.
  if ((clients_.size() + 1) * 2 > slots_.size()) GrowIndex();
  const size_t mask = slots_.size() - 1;
  size_t s = Mix(client_id) & mask;
  while (slots_[s] != 0) {
    const uint32_t index = slots_[s] - 1;
    if (client_ids_[index] == client_id) {
      *added = false;
      return index;
    }
    s = (s + 1) & mask;
  }
  const auto index = static_cast<uint32_t>(clients_.size());
  client_ids_.push_back(client_id);
  clients_.emplace_back();
  slots_[s] = index + 1;
  *added = true;
  return index;
}

void SilverState::Fold(const SilverInputRow& row, uint32_t parts) {
  const uint32_t pays = strings_.Intern(row.pays);
  const uint32_t segment = strings_.Intern(row.segment);
  if ((parts & kPartClients) != 0) {
    bool added = false;
    ClientAggregate& c = clients_[FindOrAddClient(row.client_id, &added)];
    if (added || std::tie(row.event_time_us, row.kafka_partition, row.kafka_offset) >
                     std::tie(c.attr_time_us, c.attr_partition, c.attr_offset)) {
      c.attr_time_us = row.event_time_us;
      c.attr_partition = row.kafka_partition;
      c.attr_offset = row.kafka_offset;
      c.client_nom = strings_.Intern(row.client_nom);
      c.pays = pays;
      c.segment = segment;
    }
    c.premier_achat_us =
        added ? row.event_time_us : std::min(c.premier_achat_us, row.event_time_us);
    c.dernier_achat_us =
        added ? row.event_time_us : std::max(c.dernier_achat_us, row.event_time_us);
    c.total_depense += row.montant_cents;
    c.nb_achats += 1;
    c.quantite_totale += row.quantite;
  }

  const uint32_t produit = strings_.Intern(row.produit_nom);
  const uint32_t categorie = strings_.Intern(row.categorie);
  const int64_t local = zone_.UtcToLocalMicros(row.event_time_us);
  const int64_t minute = FloorDiv(local, kMicrosPerMinute) * kMicrosPerMinute;
  const auto day = static_cast<int32_t>(FloorDiv(local, kMicrosPerDay));
  if ((parts & kPartMinutes) != 0) {
    MinuteTotals& m = minutes_[MinuteKey(minute, produit, categorie, pays, segment)];
    m.montant_max =
        m.totals.nb_ventes == 0 ? row.montant_cents : std::max(m.montant_max, row.montant_cents);
    Add(m.totals, row);
  }
  if ((parts & kPartClientDays) != 0) Add(client_days_[{row.client_id, day}], row);
  if ((parts & kPartProduit) != 0) Add(by_produit_[produit], row);
  if ((parts & kPartCategorie) != 0) Add(by_categorie_[categorie], row);
  if ((parts & kPartPays) != 0) Add(by_pays_[pays], row);
  if ((parts & kPartSegment) != 0) Add(by_segment_[segment], row);
}

void SilverState::RestoreClient(const ClientRow& row) {
  bool added = false;
  ClientAggregate& c = clients_[FindOrAddClient(row.client_id, &added)];
  // The attributes come from the latest sale, whose event time is dernier_achat.
  c.attr_time_us = row.dernier_achat_us;
  c.attr_partition = row.source_partition;
  c.attr_offset = row.source_offset;
  c.client_nom = strings_.Intern(row.client_nom);
  c.pays = strings_.Intern(row.pays);
  c.segment = strings_.Intern(row.segment);
  c.premier_achat_us = row.premier_achat_us;
  c.dernier_achat_us = row.dernier_achat_us;
  c.total_depense += row.total_depense;
  c.nb_achats += row.nb_achats;
  c.quantite_totale += row.quantite_totale;
}

namespace {
void Merge(SalesTotals& into, const SalesTotals& t) {
  into.nb_ventes += t.nb_ventes;
  into.quantite += t.quantite;
  into.chiffre_affaires += t.chiffre_affaires;
}
}  // namespace

void SilverState::RestoreMinute(const MinuteRow& row) {
  MinuteTotals& m = minutes_[MinuteKey(row.minute_local_us, strings_.Intern(row.produit),
                                       strings_.Intern(row.categorie), strings_.Intern(row.pays),
                                       strings_.Intern(row.segment))];
  m.montant_max =
      m.totals.nb_ventes == 0 ? row.montant_max : std::max(m.montant_max, row.montant_max);
  Merge(m.totals, row.totals);
}

void SilverState::RestoreClientDay(const ClientDayRow& row) {
  Merge(client_days_[{row.client_id, row.day}], row.totals);
}

std::map<uint32_t, SalesTotals>* SilverState::DimensionMap(SilverPart part) {
  switch (part) {
    case kPartProduit:
      return &by_produit_;
    case kPartCategorie:
      return &by_categorie_;
    case kPartPays:
      return &by_pays_;
    case kPartSegment:
      return &by_segment_;
    default:
      break;
  }
  // Only the four dimension parts have a map: anything else is a caller bug.
  SF_CHECK_EQ(static_cast<uint32_t>(part), static_cast<uint32_t>(kPartSegment));
  return &by_segment_;
}

void SilverState::RestoreDimension(SilverPart part, const DimensionRow& row) {
  Merge((*DimensionMap(part))[strings_.Intern(row.value)], row.totals);
}

int32_t SilverState::LocalDay(int64_t utc_us) const {
  return static_cast<int32_t>(FloorDiv(zone_.UtcToLocalMicros(utc_us), kMicrosPerDay));
}

int32_t ClientBucket(int64_t client_id, int32_t bucket_count) {
  return static_cast<int32_t>(FloorMod(client_id, bucket_count));
}

bool SilverState::FindClient(int64_t client_id, ClientRow* out) const {
  if (slots_.empty()) return false;
  const size_t mask = slots_.size() - 1;
  size_t s = Mix(client_id) & mask;
  while (slots_[s] != 0) {
    const uint32_t index = slots_[s] - 1;
    if (client_ids_[index] == client_id) {
      const ClientAggregate& c = clients_[index];
      *out = ClientRow{client_id,
                       Str(c.client_nom),
                       Str(c.pays),
                       Str(c.segment),
                       c.total_depense,
                       c.nb_achats,
                       PanierMoyenCents(c.total_depense, c.nb_achats),
                       c.quantite_totale,
                       c.premier_achat_us,
                       c.dernier_achat_us,
                       c.attr_partition,
                       c.attr_offset};
      return true;
    }
    s = (s + 1) & mask;
  }
  return false;
}

std::vector<ClientRow> SilverState::ClientRows() const {
  std::vector<int64_t> ids = client_ids_;
  std::sort(ids.begin(), ids.end());
  std::vector<ClientRow> rows(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) FindClient(ids[i], &rows[i]);
  return rows;
}

std::vector<ClientRow> SilverState::ClientRowsInBuckets(const std::set<int32_t>& buckets,
                                                        int32_t bucket_count) const {
  std::vector<int64_t> ids;
  for (int64_t id : client_ids_) {
    if (buckets.count(ClientBucket(id, bucket_count)) != 0) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<ClientRow> rows(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) FindClient(ids[i], &rows[i]);
  return rows;
}

void SilverState::MinuteRowsInRange(int64_t lo, int64_t hi, std::vector<MinuteRow>* rows) const {
  const size_t first = rows->size();
  for (auto it = minutes_.lower_bound(MinuteKey(lo, 0, 0, 0, 0));
       it != minutes_.end() && std::get<0>(it->first) < hi; ++it) {
    const MinuteKey& key = it->first;
    rows->push_back(MinuteRow{std::get<0>(key), Str(std::get<1>(key)), Str(std::get<2>(key)),
                              Str(std::get<3>(key)), Str(std::get<4>(key)), it->second.totals,
                              it->second.montant_max});
  }
  // Interner ids follow first-seen order, so sort on the strings for a canonical order.
  std::sort(rows->begin() + static_cast<std::ptrdiff_t>(first), rows->end(),
            [](const MinuteRow& a, const MinuteRow& b) {
              return std::tie(a.minute_local_us, a.produit, a.categorie, a.pays, a.segment) <
                     std::tie(b.minute_local_us, b.produit, b.categorie, b.pays, b.segment);
            });
}

std::vector<MinuteRow> SilverState::MinuteRows() const {
  std::vector<MinuteRow> rows;
  rows.reserve(minutes_.size());
  MinuteRowsInRange(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
                    &rows);
  return rows;
}

std::vector<MinuteRow> SilverState::MinuteRowsOfDays(const std::set<int32_t>& days) const {
  std::vector<MinuteRow> rows;
  for (int32_t day : days) {  // ascending, so the rows stay sorted by minute
    MinuteRowsInRange(int64_t{day} * kMicrosPerDay, (int64_t{day} + 1) * kMicrosPerDay, &rows);
  }
  return rows;
}

std::vector<ClientDayRow> SilverState::ClientDayRowsOfDays(const std::set<int32_t>& days) const {
  std::vector<ClientDayRow> rows;
  for (const auto& [key, totals] : client_days_) {
    if (days.count(key.second) != 0) rows.push_back(ClientDayRow{key.first, key.second, totals});
  }
  return rows;
}

std::vector<ClientDayRow> SilverState::ClientDayRows() const {
  std::vector<ClientDayRow> rows;
  rows.reserve(client_days_.size());
  for (const auto& [key, totals] : client_days_) {
    rows.push_back(ClientDayRow{key.first, key.second, totals});
  }
  return rows;
}

std::vector<DimensionRow> SilverState::Dimension(const std::map<uint32_t, SalesTotals>& m) const {
  std::vector<DimensionRow> rows;
  rows.reserve(m.size());
  for (const auto& [id, totals] : m) rows.push_back(DimensionRow{Str(id), totals});
  std::sort(rows.begin(), rows.end(),
            [](const DimensionRow& a, const DimensionRow& b) { return a.value < b.value; });
  return rows;
}

size_t SilverState::MemoryBytes() const {
  size_t bytes = sizeof(*this);
  bytes += client_ids_.capacity() * sizeof(int64_t);
  bytes += clients_.capacity() * sizeof(ClientAggregate);
  bytes += slots_.capacity() * sizeof(uint32_t);
  bytes += strings_.MemoryBytes();
  bytes += MapBytes(minutes_) + MapBytes(client_days_) + MapBytes(by_produit_) +
           MapBytes(by_categorie_) + MapBytes(by_pays_) + MapBytes(by_segment_);
  return bytes;
}

}  // namespace salesflow::pipeline
