// The tables CommitFixtureTables writes: their schemaStrings byte for byte against
// testdata/server/fixture_schema_strings (recorded when the server still had its own copy of
// the schemas; see the README there), now that they derive from silver's
// (pipeline/silver_table_schemas.h), and each is a subset of silver's columns.
#include "server/fixture_tables.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/time_zone.h"
#include "delta/local_storage.h"
#include "delta/schema_json.h"
#include "delta/snapshot.h"
#include "pipeline/silver_table_schemas.h"
#include "server/dashboard_tables.h"
#include "server/fixture_dataset.h"
#include "testdata_line.h"

namespace salesflow {
namespace {

// The golden schemaString of `table`.
std::string Golden(const std::string& table) {
  return testing::TestdataLine(std::filesystem::path("server/fixture_schema_strings") /
                               (table + ".json"));
}

// The schemaString and partition columns of the table at `dir`.
std::pair<std::string, std::vector<std::string>> SchemaOf(const std::filesystem::path& dir) {
  delta::LocalStorage storage(dir.string(), {});
  Result<delta::Snapshot> snapshot = delta::LoadSnapshot(storage);
  EXPECT_TRUE(snapshot.ok()) << dir << ": " << snapshot.status().ToString();
  if (!snapshot.ok()) return {};
  return {snapshot->metadata().schema_string, snapshot->metadata().partition_columns};
}

// Every fixture column is one of silver's, with the same type and nullability.
void ExpectSubsetOf(const std::string& fixture_json, const delta::StructType& silver) {
  Result<delta::StructType> fixture = delta::ParseSchemaJson(fixture_json);
  ASSERT_TRUE(fixture.ok()) << fixture.status().ToString();
  for (const delta::StructField& field : fixture->fields) {
    const delta::StructField* theirs = silver.Find(field.name);
    ASSERT_NE(theirs, nullptr) << field.name;
    EXPECT_EQ(*theirs, field) << field.name;
  }
}

TEST(FixtureTablesTest, SchemasAreSilversLessUnreadColumns) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / fmt::format("sf-fixture-tables-test-{}", ::getpid());
  std::filesystem::remove_all(dir);
  FixtureTablesOptions options{.silver_table = dir / "delta_silver_aggreges",
                               .gold_dir = dir / "delta_gold"};
  Result<TimeZone> zone = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(zone.ok());
  std::vector<FixtureSale> sales = ReferenceFixtureSales();
  for (FixtureSale& s : sales) s.client_id = fmt::format("1{}", s.client_id.substr(3));
  Status written = CommitFixtureTables(options, AggregateFixtureSales(sales, *zone, 1), 7);
  ASSERT_TRUE(written.ok()) << written.ToString();

  auto minute = SchemaOf(options.gold_dir / kVentesParMinuteDir);
  auto client_day = SchemaOf(options.gold_dir / kVentesClientJourDir);
  auto silver = SchemaOf(options.silver_table);
  EXPECT_EQ(minute.first, Golden("ventes_par_minute"));
  EXPECT_EQ(client_day.first, Golden("ventes_client_jour"));
  EXPECT_EQ(silver.first, Golden("delta_silver_aggreges"));
  // Unpartitioned, as before.
  EXPECT_TRUE(minute.second.empty());
  EXPECT_TRUE(client_day.second.empty());
  EXPECT_TRUE(silver.second.empty());
  ExpectSubsetOf(minute.first, pipeline::VentesParMinuteTableSchema());
  ExpectSubsetOf(client_day.first, pipeline::VentesClientJourTableSchema());
  ExpectSubsetOf(silver.first, pipeline::SilverAggregesTableSchema());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salesflow
