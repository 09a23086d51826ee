#include "pipeline/silver_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace salesflow::pipeline {
namespace {

constexpr int64_t kMinute = 60LL * 1000 * 1000;
constexpr int64_t kT0 = 1'700'000'000'000'000;  // 2023-11-14T22:13:20Z

// Owns the strings the rows point into.
struct Fixture {
  std::vector<std::string> names;
  std::vector<SilverInputRow> rows;
};

Fixture MakeRows(int n, uint64_t seed) {
  static const char* kPays[] = {"France", "Belgique", "Suisse"};
  static const char* kSegments[] = {"Particulier", "Entreprise"};
  static const char* kProduits[] = {"Laptop", "Souris", "Clavier", "Ecran"};
  static const char* kCategories[] = {"Informatique", "Accessoires"};
  std::mt19937_64 rng(seed);
  Fixture f;
  f.names.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) f.names.push_back("Client " + std::to_string(rng() % 1000));
  for (int i = 0; i < n; ++i) {
    SilverInputRow r;
    r.client_id = static_cast<int64_t>(rng() % 20) + 1;
    r.client_nom = f.names[static_cast<size_t>(i)];  // names change between sales
    r.pays = kPays[rng() % 3];
    r.segment = kSegments[rng() % 2];
    const size_t p = rng() % 4;
    r.produit_id = static_cast<int64_t>(p) + 1;
    r.produit_nom = kProduits[p];
    r.categorie = kCategories[p % 2];
    r.quantite = static_cast<int64_t>(rng() % 5) + 1;
    r.montant_cents = static_cast<int64_t>(rng() % 200000);
    // Few distinct times so the partition/offset tie-break is exercised.
    r.event_time_us = kT0 + static_cast<int64_t>(rng() % 50) * kMinute;
    r.kafka_partition = static_cast<int32_t>(rng() % 3);
    r.kafka_offset = i;
    f.rows.push_back(r);
  }
  return f;
}

void ExpectSameState(const SilverState& a, const SilverState& b) {
  EXPECT_EQ(a.ClientRows(), b.ClientRows());
  EXPECT_EQ(a.MinuteRows(), b.MinuteRows());
  EXPECT_EQ(a.ClientDayRows(), b.ClientDayRows());
  EXPECT_EQ(a.ProduitRows(), b.ProduitRows());
  EXPECT_EQ(a.CategorieRows(), b.CategorieRows());
  EXPECT_EQ(a.PaysRows(), b.PaysRows());
  EXPECT_EQ(a.SegmentRows(), b.SegmentRows());
}

TEST(SilverStateTest, PanierMoyenRoundsHalfEven) {
  EXPECT_EQ(PanierMoyenCents(0, 0), 0);
  EXPECT_EQ(PanierMoyenCents(1000, 4), 250);
  EXPECT_EQ(PanierMoyenCents(5, 2), 2);    // 2.5 -> 2 (even)
  EXPECT_EQ(PanierMoyenCents(7, 2), 4);    // 3.5 -> 4 (even)
  EXPECT_EQ(PanierMoyenCents(10, 3), 3);   // 3.33 -> 3
  EXPECT_EQ(PanierMoyenCents(20, 3), 7);   // 6.67 -> 7
  EXPECT_EQ(PanierMoyenCents(-5, 2), -2);  // symmetric for refunds
  EXPECT_EQ(PanierMoyenCents(-7, 2), -4);
}

TEST(SilverStateTest, FoldsOneClientExactly) {
  SilverState state;
  SilverInputRow a{7,   "Alice", "France", "Particulier", 1, "Laptop", "Informatique", 2, 199999,
                   kT0, 0,       10};
  SilverInputRow b{
      7, "Alice B", "Belgique", "Entreprise", 2, "Souris", "Accessoires", 1, 1, kT0 + 3 * kMinute,
      1, 3};
  state.Fold(b);
  state.Fold(a);
  ClientRow row;
  ASSERT_TRUE(state.FindClient(7, &row));
  EXPECT_EQ(row.client_nom, "Alice B");  // the later sale wins whatever the fold order
  EXPECT_EQ(row.pays, "Belgique");
  EXPECT_EQ(row.segment, "Entreprise");
  EXPECT_EQ(row.total_depense, 200000);
  EXPECT_EQ(row.nb_achats, 2);
  EXPECT_EQ(row.panier_moyen, 100000);
  EXPECT_EQ(row.quantite_totale, 3);
  EXPECT_EQ(row.premier_achat_us, kT0);
  EXPECT_EQ(row.dernier_achat_us, kT0 + 3 * kMinute);
  EXPECT_FALSE(state.FindClient(8, &row));
  // Each sale lands in its own minute with the sale's own country and segment.
  const auto minutes = state.MinuteRows();
  ASSERT_EQ(minutes.size(), 2u);
  EXPECT_EQ(minutes[0].minute_local_us, kT0 - kT0 % kMinute);
  EXPECT_EQ(minutes[0].pays, "France");
  EXPECT_EQ(minutes[0].totals, (SalesTotals{1, 2, 199999}));
  EXPECT_EQ(minutes[1].pays, "Belgique");
}

TEST(SilverStateTest, SameEventTimeBreaksTiesByPartitionThenOffset) {
  SilverState state;
  SilverInputRow base{1, "", "FR", "S", 1, "P", "C", 1, 100, kT0, 0, 0};
  SilverInputRow p1o5 = base, p2o1 = base, p2o0 = base;
  p1o5.client_nom = "p1o5", p1o5.kafka_partition = 1, p1o5.kafka_offset = 5;
  p2o1.client_nom = "p2o1", p2o1.kafka_partition = 2, p2o1.kafka_offset = 1;
  p2o0.client_nom = "p2o0", p2o0.kafka_partition = 2, p2o0.kafka_offset = 0;
  state.Fold(p2o1);
  state.Fold(p1o5);
  state.Fold(p2o0);
  ClientRow row;
  ASSERT_TRUE(state.FindClient(1, &row));
  EXPECT_EQ(row.client_nom, "p2o1");
}

TEST(SilverStateTest, LateEventUpdatesItsOwnMinuteAndLocalDay) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  SilverState state(*paris);
  // 2023-11-14T23:30:00Z is 2023-11-15 00:30 in Paris (UTC+1 in November).
  const int64_t t = 1'700'004'600'000'000;
  SilverInputRow now{1, "A", "FR", "S", 1, "P", "C", 1, 100, t + 10 * kMinute, 0, 1};
  SilverInputRow late{1, "A", "FR", "S", 1, "P", "C", 1, 50, t, 0, 2};
  state.Fold(now);
  state.Fold(late);
  const auto minutes = state.MinuteRows();
  ASSERT_EQ(minutes.size(), 2u);
  EXPECT_EQ(minutes[0].minute_local_us, t + 3600LL * 1000 * 1000);
  EXPECT_EQ(minutes[0].totals.chiffre_affaires, 50);
  const auto days = state.ClientDayRows();
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].day, 19676);  // 2023-11-15, not the UTC date 2023-11-14
  EXPECT_EQ(days[0].totals, (SalesTotals{2, 2, 150}));
}

TEST(SilverStateTest, AnyOrderAndAnyBatchSplitGiveTheSameState) {
  const Fixture f = MakeRows(2000, 42);
  SilverState reference;
  for (const auto& r : f.rows) reference.Fold(r);
  int64_t total = 0;
  for (const auto& r : f.rows) total += r.montant_cents;
  int64_t summed = 0;
  for (const auto& c : reference.ClientRows()) summed += c.total_depense;
  EXPECT_EQ(summed, total);

  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<SilverInputRow> shuffled = f.rows;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    SilverState state;
    for (const auto& r : shuffled) state.Fold(r);
    ExpectSameState(reference, state);
  }
}

// A restart: each part restored from its table at its own version, then the rows after it
// folded only into the parts that have not seen them, equals one uninterrupted fold.
TEST(SilverStateTest, RestoreThenGatedFoldEqualsAFullFold) {
  const Fixture f = MakeRows(3000, 11);
  SilverState full;
  for (const SilverInputRow& r : f.rows) full.Fold(r);
  // "Tables" written at different points: clients after 1000 rows, minutes after 2000, the
  // rest after 1500.
  SilverState at1000, at1500, at2000;
  for (size_t i = 0; i < 2000; ++i) {
    if (i < 1000) at1000.Fold(f.rows[i]);
    if (i < 1500) at1500.Fold(f.rows[i]);
    at2000.Fold(f.rows[i]);
  }
  SilverState restored;
  for (const ClientRow& r : at1000.ClientRows()) restored.RestoreClient(r);
  for (const MinuteRow& r : at2000.MinuteRows()) restored.RestoreMinute(r);
  for (const ClientDayRow& r : at1500.ClientDayRows()) restored.RestoreClientDay(r);
  for (const DimensionRow& r : at1500.ProduitRows()) restored.RestoreDimension(kPartProduit, r);
  for (const DimensionRow& r : at1500.CategorieRows()) {
    restored.RestoreDimension(kPartCategorie, r);
  }
  for (const DimensionRow& r : at1500.PaysRows()) restored.RestoreDimension(kPartPays, r);
  for (const DimensionRow& r : at1500.SegmentRows()) restored.RestoreDimension(kPartSegment, r);
  const uint32_t rest = kAllParts & ~(kPartClients | kPartMinutes);
  for (size_t i = 1000; i < f.rows.size(); ++i) {
    uint32_t parts = kPartClients;
    if (i >= 1500) parts |= rest;
    if (i >= 2000) parts |= kPartMinutes;
    restored.Fold(f.rows[i], parts);
  }
  ExpectSameState(full, restored);
}

// montant_max is the largest single sale of each bucket, recomputed here from the rows alone,
// after every one of several "commits": each folds a batch into a state restored from the
// previous commit's minute rows (what a restart reads back), so the max carries across both.
TEST(SilverStateTest, MontantMaxIsTheLargestSalePerBucketAcrossCommits) {
  const Fixture f = MakeRows(3000, 23);
  using Key = std::tuple<int64_t, std::string, std::string, std::string, std::string>;
  std::map<Key, int64_t> expected;
  std::vector<MinuteRow> committed;
  size_t multi_sale_buckets = 0;
  for (size_t begin = 0; begin < f.rows.size(); begin += 500) {
    SilverState state;
    for (const MinuteRow& r : committed) state.RestoreMinute(r);
    for (size_t i = begin; i < begin + 500; ++i) {
      const SilverInputRow& r = f.rows[i];
      state.Fold(r);
      const Key key{r.event_time_us - r.event_time_us % kMinute, std::string(r.produit_nom),
                    std::string(r.categorie), std::string(r.pays), std::string(r.segment)};
      auto [it, added] = expected.try_emplace(key, r.montant_cents);
      if (!added) it->second = std::max(it->second, r.montant_cents);
    }
    committed = state.MinuteRows();
    ASSERT_EQ(committed.size(), expected.size());
    multi_sale_buckets = 0;
    for (const MinuteRow& row : committed) {
      const Key key{row.minute_local_us, row.produit, row.categorie, row.pays, row.segment};
      ASSERT_EQ(expected.count(key), 1u);
      EXPECT_EQ(row.montant_max, expected[key]) << "bucket at " << row.minute_local_us;
      EXPECT_LE(row.montant_max, row.totals.chiffre_affaires);
      if (row.totals.nb_ventes > 1) ++multi_sale_buckets;
    }
  }
  EXPECT_GT(multi_sale_buckets, 100u);  // the max differs from a one-sale bucket's amount
}

// A bucket of 10.00, 10.00 and 500.00: the max is the big sale, not the 173.33 average.
TEST(SilverStateTest, MontantMaxKeepsTheBigSaleOfABucket) {
  SilverState state;
  SilverInputRow small{1, "A", "FR", "S", 1, "P", "C", 1, 1000, kT0, 0, 1};
  SilverInputRow big = small;
  big.montant_cents = 50000;
  big.kafka_offset = 2;
  SilverInputRow refund = small;
  refund.montant_cents = -2000;  // negative amounts never raise the max
  refund.kafka_offset = 3;
  state.Fold(small);
  state.Fold(big);
  state.Fold(small);
  state.Fold(refund);
  const auto minutes = state.MinuteRows();
  ASSERT_EQ(minutes.size(), 1u);
  EXPECT_EQ(minutes[0].totals, (SalesTotals{4, 4, 50000}));
  EXPECT_EQ(minutes[0].montant_max, 50000);
}

TEST(SilverStateTest, RowsOfTouchedBucketsAndDaysOnly) {
  const Fixture f = MakeRows(500, 5);
  SilverState state;
  for (const SilverInputRow& r : f.rows) state.Fold(r);
  const std::vector<ClientRow> all = state.ClientRows();
  const std::vector<ClientRow> some = state.ClientRowsInBuckets({1, 3}, 4);
  std::vector<ClientRow> expected;
  for (const ClientRow& c : all) {
    if (ClientBucket(c.client_id, 4) == 1 || ClientBucket(c.client_id, 4) == 3) {
      expected.push_back(c);
    }
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(some, expected);
  EXPECT_EQ(ClientBucket(-5, 4), 3);  // never negative

  const int32_t day = state.LocalDay(kT0);
  EXPECT_EQ(
      state.MinuteRowsOfDays({day, day + 1}).size() + state.MinuteRowsOfDays({day - 1}).size(),
      state.MinuteRows().size());  // the fixture spans 50 minutes around kT0
  EXPECT_TRUE(state.MinuteRowsOfDays({day + 5}).empty());
  std::vector<ClientDayRow> days = state.ClientDayRowsOfDays({day});
  for (const ClientDayRow& r : days) EXPECT_EQ(r.day, day);
  EXPECT_FALSE(days.empty());
}

TEST(SilverStateTest, MemoryFor1MClientsStaysUnderBudget) {
  SilverState state;
  constexpr int64_t kClients = 1'000'000;
  std::string name;
  for (int64_t id = 1; id <= kClients; ++id) {
    name = "Client numero " + std::to_string(id);  // distinct, longer than SSO
    SilverInputRow r{id,    name, "France", "Particulier",   id % 50, "Produit",
                     "Cat", 1,    1999,     kT0 + id * 1000, 0,       id};
    state.Fold(r);
  }
  ASSERT_EQ(state.client_count(), static_cast<size_t>(kClients));
  const size_t bytes = state.MemoryBytes();
  RecordProperty("memory_bytes", std::to_string(bytes));
  std::printf("silver state for 1M clients: %.1f MiB\n", static_cast<double>(bytes) / (1 << 20));
  // The estimate counts at least the dense client structs and a string per client.
  EXPECT_GT(bytes, static_cast<size_t>(kClients) * (sizeof(ClientAggregate) + 32));
  EXPECT_LT(bytes, 500u * 1024 * 1024) << bytes;
  ClientRow row;
  ASSERT_TRUE(state.FindClient(123456, &row));
  EXPECT_EQ(row.client_nom, "Client numero 123456");
}

}  // namespace
}  // namespace salesflow::pipeline
