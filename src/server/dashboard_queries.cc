#include "server/dashboard_queries.h"

#include <algorithm>
#include <tuple>

namespace salesflow {
namespace {

// Which interned values of one dimension a filter keeps.
class DimensionMask {
 public:
  DimensionMask(const std::vector<std::string>& names, const std::vector<std::string>& keep)
      : active_(!keep.empty()), allowed_(names.size(), 0) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (std::find(keep.begin(), keep.end(), names[i]) != keep.end()) allowed_[i] = 1;
    }
  }
  bool Matches(uint32_t index) const { return !active_ || allowed_[index] != 0; }

 private:
  bool active_;
  std::vector<char> allowed_;
};

// The three filters of a query against one dataset's dictionaries.
class BucketFilter {
 public:
  BucketFilter(const DashboardData& data, const DashboardQuery& q)
      : pays_(data.pays, q.pays),
        segments_(data.segments, q.segments),
        categories_(data.categories, q.categories) {}
  bool Matches(const MinuteBucket& b) const {
    return pays_.Matches(b.pays) && segments_.Matches(b.segment) &&
           categories_.Matches(b.categorie);
  }

 private:
  DimensionMask pays_;
  DimensionMask segments_;
  DimensionMask categories_;
};

bool Keeps(const std::vector<std::string>& keep, const std::string& value) {
  return keep.empty() || std::find(keep.begin(), keep.end(), value) != keep.end();
}

// Minute buckets in [from, to), by binary search on the sorted minutes.
std::pair<std::vector<MinuteBucket>::const_iterator, std::vector<MinuteBucket>::const_iterator>
MinuteRange(const DashboardData& data, LocalMinute from, LocalMinute to) {
  auto by_minute = [](const MinuteBucket& b, LocalMinute m) { return b.minute < m; };
  auto first = std::lower_bound(data.minutes.begin(), data.minutes.end(), from, by_minute);
  auto last = std::lower_bound(first, data.minutes.end(), to, by_minute);
  return {first, last};
}

void Add(SalesTotals& t, int64_t nb, int64_t qty, int64_t ca) {
  t.nb_ventes += nb;
  t.quantite += qty;
  t.chiffre_affaires += ca;
}

SalesTotals SumPeriod(const DashboardData& data, const BucketFilter& filter, LocalMinute from,
                      LocalMinute to) {
  SalesTotals t;
  auto [first, last] = MinuteRange(data, from, to);
  for (auto it = first; it != last; ++it) {
    if (filter.Matches(*it)) Add(t, it->nb_ventes, it->quantite, it->chiffre_affaires);
  }
  return t;
}

// Per-client sums over the whole days [from, to) touches, after the country/segment filters
// (read from the silver profile: client x day rows carry no dimension).
std::vector<ClientRow> ClientSums(const DashboardData& data, const DashboardQuery& q,
                                  LocalMinute from, LocalMinute to, LocalDay* first_day,
                                  LocalDay* last_day) {
  std::vector<ClientRow> rows(data.clients.size());
  *first_day = DayOf(from);
  *last_day = DayOf(LocalMinute(to.value() - 1));
  if (to <= from) return {};
  auto by_day = [](const ClientDay& r, LocalDay d) { return r.day < d; };
  auto it = std::lower_bound(data.client_days.begin(), data.client_days.end(), *first_day, by_day);
  for (; it != data.client_days.end() && it->day <= *last_day; ++it) {
    ClientRow& row = rows[it->client];
    row.nb_ventes += it->nb_ventes;
    row.chiffre_affaires += it->chiffre_affaires;
  }
  std::vector<ClientRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ClientProfile& p = data.clients[i];
    if (rows[i].nb_ventes == 0 && rows[i].chiffre_affaires == 0) continue;
    if (!Keeps(q.pays, p.pays) || !Keeps(q.segments, p.segment)) continue;
    rows[i].profile = &p;
    out.push_back(rows[i]);
  }
  return out;
}

std::optional<TopClient> Top(const DashboardData& data, const DashboardQuery& q, LocalMinute from,
                             LocalMinute to) {
  LocalDay first, last;
  std::vector<ClientRow> rows = ClientSums(data, q, from, to, &first, &last);
  if (rows.empty()) return std::nullopt;
  auto best =
      std::min_element(rows.begin(), rows.end(), [](const ClientRow& a, const ClientRow& b) {
        if (a.chiffre_affaires != b.chiffre_affaires)
          return a.chiffre_affaires > b.chiffre_affaires;
        return a.profile->client_id < b.profile->client_id;
      });
  return TopClient{best->profile->client_id, best->profile->client_nom, best->chiffre_affaires,
                   best->nb_ventes};
}

}  // namespace

int64_t PanierMoyen(const SalesTotals& t) {
  if (t.nb_ventes <= 0) return 0;
  int64_t q = t.chiffre_affaires / t.nb_ventes;
  int64_t r = t.chiffre_affaires % t.nb_ventes;
  if (r < 0) {  // keep r in [0, n) so the rounding below is the same for refunds
    r += t.nb_ventes;
    --q;
  }
  if (2 * r > t.nb_ventes || (2 * r == t.nb_ventes && (q % 2 != 0))) ++q;
  return q;
}

LocalMinute DataEnd(const DashboardData& data) {
  if (data.minutes.empty()) return LocalMinute(0);
  return LocalMinute(data.minutes.back().minute.value() + 1);
}

ResolvedPeriod ResolvePeriod(const DashboardData& data, const DashboardQuery& q) {
  ResolvedPeriod p;
  LocalMinute end = DataEnd(data);
  LocalMinute begin = data.minutes.empty() ? LocalMinute(0) : data.minutes.front().minute;
  int64_t length = 0;
  if (q.period == "1h") length = 60;
  if (q.period == "24h") length = kMinutesPerDay;
  if (q.period == "7d") length = 7 * kMinutesPerDay;
  if (q.period == "30d") length = 30 * kMinutesPerDay;
  if (q.period == "custom") {
    p.from = q.from.value_or(begin);
    p.to = q.to.value_or(end);
    if (p.to < p.from) p.to = p.from;
    p.has_previous = q.from.has_value();
    length = p.to.value() - p.from.value();
  } else if (length > 0) {
    p.to = end;
    p.from = LocalMinute(end.value() - length);
    p.has_previous = true;
  } else {
    p.from = begin;
    p.to = end;
  }
  if (p.has_previous) {
    p.previous_to = p.from;
    p.previous_from = LocalMinute(p.from.value() - length);
  }
  return p;
}

KpiResult ComputeKpis(const DashboardData& data, const DashboardQuery& q) {
  KpiResult r;
  r.period = ResolvePeriod(data, q);
  BucketFilter filter(data, q);
  r.current = SumPeriod(data, filter, r.period.from, r.period.to);
  r.top_client = Top(data, q, r.period.from, r.period.to);
  if (r.period.has_previous) {
    r.previous = SumPeriod(data, filter, r.period.previous_from, r.period.previous_to);
    r.previous_top_client = Top(data, q, r.period.previous_from, r.period.previous_to);
  }
  return r;
}

TimeseriesResult ComputeTimeseries(const DashboardData& data, const DashboardQuery& q) {
  TimeseriesResult r;
  r.period = ResolvePeriod(data, q);
  const int64_t base = static_cast<int64_t>(q.granularity);
  int64_t width = base;
  auto floor_to = [](int64_t v, int64_t w) { return v >= 0 ? v / w * w : -((-v + w - 1) / w) * w; };
  if (r.period.to <= r.period.from) {
    r.bucket_minutes = width;
    return r;
  }
  int64_t start = floor_to(r.period.from.value(), width);
  int64_t count = (r.period.to.value() - start + width - 1) / width;
  for (int64_t k = 2; count > kMaxPoints; ++k) {
    width = base * k;
    start = floor_to(r.period.from.value(), width);
    count = (r.period.to.value() - start + width - 1) / width;
  }
  r.bucket_minutes = width;
  r.downsampled = width != base;
  r.points.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) r.points[i].start = LocalMinute(start + i * width);
  BucketFilter filter(data, q);
  auto [first, last] = MinuteRange(data, r.period.from, r.period.to);
  for (auto it = first; it != last; ++it) {
    if (!filter.Matches(*it)) continue;
    size_t i = static_cast<size_t>((it->minute.value() - start) / width);
    Add(r.points[i].totals, it->nb_ventes, it->quantite, it->chiffre_affaires);
  }
  return r;
}

BreakdownResult ComputeBreakdown(const DashboardData& data, const DashboardQuery& q,
                                 Dimension dimension) {
  BreakdownResult r;
  r.period = ResolvePeriod(data, q);
  const std::vector<std::string>& names = dimension == Dimension::kProduit     ? data.produits
                                          : dimension == Dimension::kCategorie ? data.categories
                                          : dimension == Dimension::kPays      ? data.pays
                                                                               : data.segments;
  std::vector<SalesTotals> sums(names.size());
  std::vector<int64_t> product_category(names.size(), -1);
  BucketFilter filter(data, q);
  auto [first, last] = MinuteRange(data, r.period.from, r.period.to);
  for (auto it = first; it != last; ++it) {
    if (!filter.Matches(*it)) continue;
    uint32_t key = dimension == Dimension::kProduit     ? it->produit
                   : dimension == Dimension::kCategorie ? it->categorie
                   : dimension == Dimension::kPays      ? it->pays
                                                        : it->segment;
    Add(sums[key], it->nb_ventes, it->quantite, it->chiffre_affaires);
    Add(r.total, it->nb_ventes, it->quantite, it->chiffre_affaires);
    if (dimension == Dimension::kProduit && product_category[key] < 0) {
      product_category[key] = it->categorie;
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (sums[i].nb_ventes == 0 && sums[i].chiffre_affaires == 0) continue;
    BreakdownRow row;
    row.name = names[i];
    if (product_category[i] >= 0) row.categorie = data.categories[product_category[i]];
    row.totals = sums[i];
    r.rows.push_back(std::move(row));
  }
  std::sort(r.rows.begin(), r.rows.end(), [](const BreakdownRow& a, const BreakdownRow& b) {
    if (a.totals.chiffre_affaires != b.totals.chiffre_affaires) {
      return a.totals.chiffre_affaires > b.totals.chiffre_affaires;
    }
    return a.name < b.name;
  });
  return r;
}

ClientsResult ComputeClients(const DashboardData& data, const DashboardQuery& q) {
  ClientsResult r;
  r.period = ResolvePeriod(data, q);
  r.rows = ClientSums(data, q, r.period.from, r.period.to, &r.first_day, &r.last_day);
  r.matching_clients = static_cast<int64_t>(r.rows.size());
  auto key_less = [&](const ClientRow& a, const ClientRow& b) {
    const ClientProfile& pa = *a.profile;
    const ClientProfile& pb = *b.profile;
    switch (q.sort) {
      case ClientSort::kChiffreAffaires:
        return a.chiffre_affaires < b.chiffre_affaires;
      case ClientSort::kNbVentes:
        return a.nb_ventes < b.nb_ventes;
      case ClientSort::kPanierMoyen:
        return pa.panier_moyen < pb.panier_moyen;
      case ClientSort::kTotalDepense:
        return pa.total_depense < pb.total_depense;
      case ClientSort::kClientNom:
        return pa.client_nom < pb.client_nom;
      case ClientSort::kDernierAchat:
        return pa.dernier_achat_us < pb.dernier_achat_us;
    }
    return false;
  };
  std::sort(r.rows.begin(), r.rows.end(), [&](const ClientRow& a, const ClientRow& b) {
    if (key_less(a, b)) return q.ascending;
    if (key_less(b, a)) return !q.ascending;
    return a.profile->client_id < b.profile->client_id;  // stable order for equal keys
  });
  if (static_cast<int64_t>(r.rows.size()) > q.limit) r.rows.resize(static_cast<size_t>(q.limit));
  return r;
}

std::vector<int64_t> RevenuePerMinute(const DashboardData& data, const DashboardQuery& q,
                                      LocalMinute from, LocalMinute to) {
  if (to <= from) return {};
  std::vector<int64_t> out(static_cast<size_t>(to.value() - from.value()), 0);
  BucketFilter filter(data, q);
  auto [first, last] = MinuteRange(data, from, to);
  for (auto it = first; it != last; ++it) {
    if (filter.Matches(*it))
      out[static_cast<size_t>(it->minute.value() - from.value())] += it->chiffre_affaires;
  }
  return out;
}

std::vector<int64_t> LargestSalePerMinute(const DashboardData& data, const DashboardQuery& q,
                                          LocalMinute from, LocalMinute to) {
  if (to <= from) return {};
  std::vector<int64_t> out(static_cast<size_t>(to.value() - from.value()), 0);
  BucketFilter filter(data, q);
  auto [first, last] = MinuteRange(data, from, to);
  for (auto it = first; it != last; ++it) {
    if (!filter.Matches(*it) || it->nb_ventes <= 0) continue;
    int64_t& slot = out[static_cast<size_t>(it->minute.value() - from.value())];
    slot = std::max(slot, it->montant_max);
  }
  return out;
}

}  // namespace salesflow
