// `salesflow table show|history|files|checkpoint|optimize|vacuum`, run in-process with captured
// output.

#include <gtest/gtest.h>

#include <simdjson.h>

#include <sstream>

#include "base/clock.h"
#include "cli/command_context.h"
#include "cli/table_command.h"
#include "cli/table_maintenance_command.h"
#include "config/environment.h"
#include "delta/checkpoint_writer.h"
#include "delta/local_storage.h"
#include "delta/log_cleanup.h"
#include "delta/log_files.h"
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

// One JSON line's integer field.
int64_t IntField(simdjson::dom::parser& parser, const std::string& line, const char* key) {
  simdjson::dom::element e;
  SF_CHECK(parser.parse(line).get(e) == simdjson::SUCCESS);
  int64_t value = -1;
  SF_CHECK(e[key].get_int64().get(value) == simdjson::SUCCESS);
  return value;
}

// After log cleanup the log starts at a checkpoint: history lists the commits still there,
// files and show replay from the checkpoint, and a cleaned-up version is a clear error.
TEST(TableCliTest, HistoryAndFilesBehindACheckpointAfterLogCleanup) {
  testing::TestTableDir dir;
  LocalStorage storage(dir.path());
  testing::CreateSalesTable(storage);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(testing::AppendBatch(storage, testing::SalesBatch(i * 4, 4, 2)).ok());
    if (i == 2) {
      ASSERT_TRUE(WriteCheckpoint(storage, *testing::LoadLatest(storage)).ok());
    }
  }
  std::string files_before;
  ASSERT_EQ(RunCli({"table", "files", dir.path(), "--json"}, &files_before), 0) << files_before;
  std::string show_before;
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--json"}, &show_before), 0) << show_before;

  Result<Snapshot> snapshot = testing::LoadLatest(storage);
  ASSERT_TRUE(snapshot.ok());
  ManualClock clock((SystemClock::Instance().NowMillis() + 31 * 24 * 3600 * 1000LL) * 1000);
  Result<LogCleanupResult> cleaned = CleanupExpiredLogs(storage, *snapshot, {.clock = &clock});
  ASSERT_TRUE(cleaned.ok()) << cleaned.status().ToString();
  ASSERT_EQ(cleaned->kept_from, TableVersion(3));
  ASSERT_EQ(storage.Stat(CommitPath(TableVersion(0))).status().code(), StatusCode::kNotFound);
  ASSERT_EQ(storage.Stat(CommitPath(TableVersion(2))).status().code(), StatusCode::kNotFound);

  std::string out;
  ASSERT_EQ(RunCli({"table", "history", dir.path(), "--json"}, &out), 0) << out;
  std::vector<std::string> history = Lines(out);
  simdjson::dom::parser parser;
  std::vector<int64_t> versions;
  for (const std::string& line : history) {
    versions.push_back(IntField(parser, line, "version"));
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(line).get(e), simdjson::SUCCESS);
    std::string_view operation;
    ASSERT_EQ(e["operation"].get_string().get(operation), simdjson::SUCCESS) << line;
    EXPECT_EQ(operation, "WRITE") << line;
    EXPECT_EQ(IntField(parser, line, "readVersion"), versions.back() - 1) << line;
  }
  EXPECT_EQ(versions, (std::vector<int64_t>{6, 5, 4, 3})) << out;
  ASSERT_EQ(RunCli({"table", "history", dir.path(), "--limit", "2"}, &out), 0) << out;
  ASSERT_EQ(Lines(out).size(), 3u) << out;  // header + 2
  EXPECT_TRUE(Lines(out)[1].starts_with("6 ")) << out;

  ASSERT_EQ(RunCli({"table", "files", dir.path(), "--json"}, &out), 0) << out;
  EXPECT_EQ(out, files_before);
  int64_t records = 0;
  for (const std::string& line : Lines(out)) records += IntField(parser, line, "numRecords");
  EXPECT_EQ(records, 24);
  ASSERT_EQ(RunCli({"table", "files", dir.path()}, &out), 0) << out;
  EXPECT_NE(out.find("version 6"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"table", "files", dir.path(), "--version", "4", "--json"}, &out), 0) << out;
  EXPECT_FALSE(Lines(out).empty());
  ASSERT_EQ(RunCli({"table", "show", dir.path(), "--json"}, &out), 0) << out;
  EXPECT_EQ(out, show_before);

  ASSERT_EQ(RunCli({"table", "files", dir.path(), "--version", "2"}, &out), 1) << out;
  EXPECT_NE(out.find("earliest version that can be read is 3"), std::string::npos) << out;
}

}  // namespace
}  // namespace salesflow::delta
