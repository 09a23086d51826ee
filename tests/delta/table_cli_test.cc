// `salesflow table show|checkpoint|optimize|vacuum`, run in-process with captured output.

#include <gtest/gtest.h>

#include <simdjson.h>

#include <sstream>

#include "cli/command_context.h"
#include "cli/table_command.h"
#include "cli/table_maintenance_command.h"
#include "config/environment.h"
#include "delta/local_storage.h"
#include "sales_table.h"
#include "table_test_util.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

// Runs `salesflow <args>`; returns the exit code, output in *out.
int RunCli(const std::vector<std::string>& args, std::string* out) {
  MapEnvironment env;
  std::ostringstream os, err;
  CommandContext ctx({.env = &env, .out = &os, .err = &err});
  RegisterTableCommand(ctx.app(), ctx);
  RegisterTableMaintenanceCommand(ctx.app(), ctx);
  int code = ctx.Run(args);
  *out = os.str() + err.str();
  return code;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(TableCliTest, ShowCheckpointOptimizeVacuum) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(0, 12, 3)).ok());
  ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(12, 12, 3)).ok());

  std::string out;
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--json"}, &out), 0) << out;
  std::vector<std::string> rows = Lines(out);
  ASSERT_EQ(rows.size(), 24u);
  simdjson::dom::parser parser;
  for (const std::string& row : rows) {
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(row).get(e), simdjson::SUCCESS) << row;
    std::string_view date;
    ASSERT_EQ(e["date_vente"].get_string().get(date), simdjson::SUCCESS) << row;
    EXPECT_TRUE(date.starts_with("2024-12-1")) << row;
    EXPECT_TRUE(row.starts_with("{\"vente_id\":")) << "schema order: " << row;
  }
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--limit", "5"}, &out), 0) << out;
  EXPECT_EQ(Lines(out).size(), 6u);  // header + 5
  EXPECT_TRUE(out.starts_with("vente_id\tquantite\tclient_nom")) << out;
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--version", "1", "--json"}, &out), 0) << out;
  EXPECT_EQ(Lines(out).size(), 12u);

  ASSERT_EQ(RunCli({"table", "checkpoint", dir.path()}, &out), 0) << out;
  EXPECT_NE(out.find("checkpoint 2:"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"table", "optimize", dir.path()}, &out), 0) << out;
  EXPECT_NE(out.find("version 3: 6 files"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"table", "vacuum", dir.path(), "--dry-run"}, &out), 0) << out;
  EXPECT_NE(out.find("would delete 0 files"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"table", "vacuum", dir.path(), "--retain-hours", "0"}, &out), 2) << out;
  ASSERT_EQ(RunCli({"table", "vacuum", dir.path(), "--retain-hours", "0", "--force"}, &out), 0)
      << out;
  EXPECT_NE(out.find("deleted 6 files"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--json"}, &out), 0) << out;
  EXPECT_EQ(Lines(out).size(), 24u);
  EXPECT_EQ(RunCli({"table", "show", dir.path() + "/nope"}, &out), 1) << out;
}

}  // namespace
}  // namespace salesflow::delta
