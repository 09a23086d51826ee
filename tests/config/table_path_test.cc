#include "config/table_path.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

TEST(TablePathTest, FolderNameGoesUnderDataDir) {
  EXPECT_EQ(*ResolveTablePath("./data", "delta_ventes_table"),
            std::filesystem::path("./data/delta_ventes_table"));
  EXPECT_EQ(*ResolveTablePath("/srv/data/", "delta_gold/minute"),
            std::filesystem::path("/srv/data/delta_gold/minute"));
}

TEST(TablePathTest, AbsolutePathIsKept) {
  EXPECT_EQ(*ResolveTablePath("./data", "/mnt/tables/bronze"),
            std::filesystem::path("/mnt/tables/bronze"));
}

TEST(TablePathTest, EmptyNameIsRejected) {
  EXPECT_EQ(ResolveTablePath("./data", "").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace salesflow
