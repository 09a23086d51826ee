#include "parquet/schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

std::string Join(const std::vector<std::string>& p) {
  std::string s;
  for (const std::string& x : p) s += (s.empty() ? "" : ".") + x;
  return s;
}

std::shared_ptr<const Schema> CheckpointLike() {
  auto s = Schema::Make({
      Field::Int64("id", false),
      Field::Struct("add",
                    {Field::String("path"),
                     Field::Map("partitionValues", Field::String("k", false), Field::String("v")),
                     Field::Int64("size")}),
      Field::List("tags", Field::String("t")),
      Field::Decimal("amount", 18, 2),
  });
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

TEST(SchemaTest, ComputesLevelsAndPaths) {
  auto s = CheckpointLike();
  const auto& leaves = s->leaves();
  ASSERT_EQ(leaves.size(), 7u);
  struct Want {
    std::string path;
    int def, rep;
  };
  std::vector<Want> want = {
      {"id", 0, 0},
      {"add.path", 2, 0},
      {"add.partitionValues.key_value.key", 3, 1},
      {"add.partitionValues.key_value.value", 4, 1},
      {"add.size", 2, 0},
      {"tags.list.element", 3, 1},
      {"amount", 1, 0},
  };
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(Join(leaves[i].path), want[i].path);
    EXPECT_EQ(leaves[i].max_def, want[i].def) << want[i].path;
    EXPECT_EQ(leaves[i].max_rep, want[i].rep) << want[i].path;
  }
  const Field& tags = s->fields()[2];
  EXPECT_EQ(tags.def_level, 1);
  EXPECT_EQ(tags.repeated_def_level, 2);
  EXPECT_EQ(tags.repeated_rep_level, 1);
  EXPECT_EQ(s->fields()[3].physical, Type::kInt64);
}

TEST(SchemaTest, ElementsRoundTrip) {
  auto s = CheckpointLike();
  std::vector<SchemaElement> e = s->ToElements();
  ASSERT_EQ(e.size(), 13u);
  EXPECT_EQ(e[0].num_children, 4);
  EXPECT_EQ(e[3].converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(e[4].converted_type, ConvertedType::kMap);
  EXPECT_EQ(e[5].name, "key_value");
  EXPECT_EQ(e[5].repetition_type, FieldRepetitionType::kRepeated);
  auto back = Schema::FromElements(e);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->ToElements(), e);
  EXPECT_EQ((*back)->ToString(), s->ToString());
}

TEST(SchemaTest, ReadsLegacyListLayouts) {
  // message m { optional group a (LIST) { repeated int32 array; }
  //             repeated group b { required int32 x; required int32 y; }
  //             optional group c (LIST) { repeated group c_tuple { required int32 z; } } }
  auto el = [](std::string name, std::optional<FieldRepetitionType> rep,
               std::optional<int32_t> children, std::optional<Type> type = std::nullopt) {
    SchemaElement e;
    e.name = std::move(name);
    e.repetition_type = rep;
    e.num_children = children;
    e.type = type;
    return e;
  };
  using R = FieldRepetitionType;
  std::vector<SchemaElement> e = {
      el("m", std::nullopt, 3),
      el("a", R::kOptional, 1),
      el("array", R::kRepeated, std::nullopt, Type::kInt32),
      el("b", R::kRepeated, 2),
      el("x", R::kRequired, std::nullopt, Type::kInt32),
      el("y", R::kRequired, std::nullopt, Type::kInt32),
      el("c", R::kOptional, 1),
      el("c_tuple", R::kRepeated, 1),
      el("z", R::kRequired, std::nullopt, Type::kInt32),
  };
  e[1].converted_type = ConvertedType::kList;
  e[6].converted_type = ConvertedType::kList;
  auto s = Schema::FromElements(e);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const auto& f = (*s)->fields();
  EXPECT_EQ(f[0].kind, FieldKind::kList);
  EXPECT_EQ(f[0].layout, ListLayout::kTwoLevel);
  EXPECT_EQ(f[1].kind, FieldKind::kList);
  EXPECT_EQ(f[1].layout, ListLayout::kRepeatedField);
  EXPECT_EQ(f[1].children[0].kind, FieldKind::kStruct);
  EXPECT_EQ(f[2].layout, ListLayout::kTwoLevel);
  EXPECT_EQ(f[2].children[0].kind, FieldKind::kStruct);
  const auto& leaves = (*s)->leaves();
  ASSERT_EQ(leaves.size(), 4u);
  EXPECT_EQ(Join(leaves[0].path), "a.array");
  EXPECT_EQ(leaves[0].max_def, 2);
  EXPECT_EQ(Join(leaves[1].path), "b.x");
  EXPECT_EQ(leaves[1].max_def, 1);
  EXPECT_EQ(leaves[1].max_rep, 1);
  EXPECT_EQ(Join(leaves[3].path), "c.c_tuple.z");
  EXPECT_EQ(leaves[3].max_def, 2);
  // And they serialise back to the same layout.
  EXPECT_EQ((*s)->ToElements().size(), e.size());
}

TEST(SchemaTest, RejectsMalformedElementLists) {
  std::vector<SchemaElement> e(2);
  e[0].name = "schema";
  e[0].num_children = 5;  // more children than elements
  e[1].name = "x";
  e[1].repetition_type = FieldRepetitionType::kRequired;
  e[1].type = Type::kInt32;
  EXPECT_EQ(Schema::FromElements(e).status().code(), StatusCode::kCorruption);
  e[0].num_children = 1;
  e[1].type.reset();  // a leaf without a type
  EXPECT_EQ(Schema::FromElements(e).status().code(), StatusCode::kCorruption);
}

TEST(SchemaTest, RejectsBadFields) {
  EXPECT_FALSE(Schema::Make({Field::FixedBinary("f", 0)}).ok());
  EXPECT_FALSE(Schema::Make({Field::Map("m", Field::String("k", true), Field::Int32("v"))}).ok());
  EXPECT_FALSE(Schema::Make({Field::Struct("s", {})}).ok());
}

TEST(SchemaTest, DecimalPhysicalTypeFollowsPrecision) {
  EXPECT_EQ(Field::Decimal("a", 9, 2).physical, Type::kInt32);
  EXPECT_EQ(Field::Decimal("a", 18, 2).physical, Type::kInt64);
  Field big = Field::Decimal("a", 38, 10);
  EXPECT_EQ(big.physical, Type::kFixedLenByteArray);
  EXPECT_EQ(big.type_length, 16);
  EXPECT_EQ(Field::Decimal("a", 19, 0).type_length, 9);
}

}  // namespace
}  // namespace salesflow::parquet
