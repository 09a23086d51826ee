#include "pipeline/silver_table_batches.h"

#include <gtest/gtest.h>

namespace salesflow::pipeline {
namespace {

constexpr int64_t kDay = kChurnMicrosPerDay;
constexpr int64_t kT0 = 1'700'000'000'000'000;

SilverState SmallState() {
  SilverState state;
  state.Fold(
      {1, "Alice", "France", "Particulier", 1, "Laptop", "Informatique", 1, 120050, kT0, 0, 1});
  state.Fold({1, "Alice", "France", "Particulier", 2, "Souris", "Accessoires", 2, 1999,
              kT0 + 40 * kDay, 0, 2});
  state.Fold({2, "Bob", "Suisse", "Entreprise", 1, "Laptop", "Informatique", 3, 5, kT0, 1, 1});
  return state;
}

TEST(SilverTableBatchesTest, SilverRowsCarryExactCentsAndRules) {
  const SilverState state = SmallState();
  SilverRowContext context;
  context.now_us = kT0 + 100 * kDay;
  auto batch = SilverAggregesBatch(state.ClientRows(), context);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ(batch->num_rows, 2);
  const auto& c = batch->columns;
  ASSERT_EQ(c.size(), 17u);
  EXPECT_EQ(batch->schema->fields()[4].name, "total_depense");
  EXPECT_EQ(c[0].i64, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(c[1].BinaryAt(0), "Alice");
  EXPECT_EQ(c[2].BinaryAt(1), "Suisse");
  EXPECT_EQ(c[4].i64, (std::vector<int64_t>{122049, 5}));  // 1220.49 and 0.05
  EXPECT_EQ(c[5].i64, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(c[6].i64, (std::vector<int64_t>{61024, 5}));  // 610.245 -> 610.24 (half-even)
  EXPECT_EQ(c[7].i64, (std::vector<int64_t>{3, 3}));
  EXPECT_EQ(c[8].i64, (std::vector<int64_t>{kT0, kT0}));
  EXPECT_EQ(c[9].i64, (std::vector<int64_t>{kT0 + 40 * kDay, kT0}));
  EXPECT_EQ(c[10].i64, (std::vector<int64_t>{60, 100}));
  EXPECT_EQ(c[11].BinaryAt(0), "argent");  // >= 200.00 over 2 purchases
  EXPECT_EQ(c[11].BinaryAt(1), "bronze");
  // Alice: interval 40 d, threshold 120 d, silent 60 d. Bob: one purchase, 90 d < 100 d.
  EXPECT_EQ(c[12].bools, (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(c[13].i64, (std::vector<int64_t>{context.now_us, context.now_us}));
}

TEST(SilverTableBatchesTest, GoldRowsSumPerKey) {
  const SilverState state = SmallState();
  auto minutes = VentesParMinuteBatch(state.MinuteRows());
  ASSERT_TRUE(minutes.ok()) << minutes.status().ToString();
  ASSERT_EQ(minutes->num_rows, 3);
  EXPECT_EQ(minutes->columns[1].BinaryAt(0), "Laptop");
  EXPECT_EQ(minutes->columns[3].BinaryAt(0), "France");
  EXPECT_EQ(minutes->columns[3].BinaryAt(1), "Suisse");
  EXPECT_EQ(minutes->columns[7].i64, (std::vector<int64_t>{120050, 5, 1999}));

  auto days = VentesClientJourBatch(state.ClientDayRows());
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  EXPECT_EQ(days->columns[0].i64, (std::vector<int64_t>{1, 1, 2}));
  EXPECT_EQ(days->columns[1].i32, (std::vector<int32_t>{19675, 19715, 19675}));
  EXPECT_EQ(days->columns[3].i64, (std::vector<int64_t>{120050, 1999, 5}));

  auto produits = DimensionTotalsBatch("produit", state.ProduitRows());
  ASSERT_TRUE(produits.ok()) << produits.status().ToString();
  EXPECT_EQ(produits->schema->fields()[0].name, "produit");
  EXPECT_EQ(produits->columns[0].BinaryAt(0), "Laptop");
  EXPECT_EQ(produits->columns[1].i64, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(produits->columns[2].i64, (std::vector<int64_t>{4, 2}));
  EXPECT_EQ(produits->columns[3].i64, (std::vector<int64_t>{120055, 1999}));
}

}  // namespace
}  // namespace salesflow::pipeline
