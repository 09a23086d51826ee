// Golden differential: every table of delta-io/delta's golden corpus (read in place from
// ../shared/testdata/delta-golden) that uses only features we support reads to the same rows
// as delta-rs reads; the cases meant to fail fail with a clear error naming the reason.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "delta/local_storage.h"
#include "deltars_runner.h"
#include "table_test_util.h"
#include "test_paths.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

namespace fs = std::filesystem;

// Tables we must refuse, with the text our error must contain: features we do not implement
// (column mapping, deletion vectors, variant), a gap in the log, an invalid protocol, a folder
// without a log. Every other table must read like delta-rs, or be one delta-rs cannot read
// either (then any error is fine; the run prints them).
const std::map<std::string, std::string>& ExpectedFailures() {
  static const std::map<std::string, std::string> m = {
      {"versions-not-contiguous", "versions not contiguous"},
      {"deltalog-invalid-protocol-version", "reader version"},
      {"dv-partitioned-with-checkpoint", "deletionVectors"},
      {"dv-with-columnmapping", "deletionVectors"},
      {"data-skipping-basic-stats-all-types-columnmapping-id", "columnMapping"},
      {"data-skipping-basic-stats-all-types-columnmapping-name", "columnMapping"},
      {"table-with-columnmapping-mode-id", "columnMapping"},
      {"table-with-columnmapping-mode-name", "columnMapping"},
      {"table-with-icebegCompatV2Enabled", "columnMapping"},
      {"spark-variant-checkpoint", "variantType"},
      {"log-replay-dv-key-cases", "deletionVectors"},
      {"no-delta-log-folder", "NotFound"},
  };
  return m;
}

// One read to compare: a table directory at its latest version or at `version`.
struct Case {
  std::string name;                // file-safe name for the dump ("snapshot-data3@1")
  std::string key;                 // golden folder name (for ExpectedFailures)
  fs::path dir;                    // the table root
  std::optional<int64_t> version;  // time travel
};

std::string Safe(std::string s) {
  for (char& c : s) {
    if (c == '/' || c == '@' || c == ' ') c = '_';
  }
  return s;
}

std::vector<Case> Cases(const fs::path& golden) {
  std::vector<Case> cases;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(golden)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) {
    std::string key = d.filename().string();
    if (key.starts_with("log-store-")) continue;  // log-store fixtures, not tables
    std::vector<fs::path> roots;
    if (fs::exists(d / "_delta_log")) {
      roots.push_back(d);
    } else {
      for (const auto& sub : fs::directory_iterator(d)) {
        if (fs::exists(sub.path() / "_delta_log")) roots.push_back(sub.path());
      }
      std::sort(roots.begin(), roots.end());
      if (roots.empty()) roots.push_back(d);  // a bare Parquet folder: must be refused
    }
    for (const fs::path& root : roots) {
      std::string name = fs::relative(root, golden).string();
      cases.push_back({Safe(name), key, root, std::nullopt});
      // Time travel: every version of the folders named for it.
      if (key.starts_with("time-travel") || key.starts_with("snapshot-data")) {
        LocalStorage storage(root.string());
        Result<LogListing> listing = ListLog(storage);
        if (!listing.ok()) continue;
        for (const LogFile& commit : listing->commits) {
          cases.push_back({Safe(name + "@" + std::to_string(commit.version.value())), key, root,
                           commit.version.value()});
        }
      }
    }
  }
  return cases;
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GoldenDifferentialTest, ReadsLikeDeltaRs) {
  fs::path golden = salesflow::testing::SharedTestdataDir() / "delta-golden";
  ASSERT_TRUE(fs::is_directory(golden)) << golden;
  std::vector<Case> cases = Cases(golden);
  ASSERT_GT(cases.size(), 90u);
  testing::TestTableDir out;
  std::string args = "rows " + testing::ShellQuote(out.path());
  for (const Case& c : cases) {
    std::string spec = c.name;
    spec.append("=").append(c.dir.string());
    if (c.version) spec.append("@").append(std::to_string(*c.version));
    args.append(" ").append(testing::ShellQuote(spec));
  }
  int exit_code = 0;
  testing::RunDeltaRs(args, &exit_code);
  ASSERT_EQ(exit_code, 0) << "deltars_dump.py failed";

  int same = 0, refused_as_expected = 0, both_refuse = 0, only_delta_rs_refuses = 0;
  std::set<std::string> seen_expected;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    LocalStorage storage(c.dir.string());
    std::optional<TableVersion> version;
    if (c.version) version = TableVersion(*c.version);
    Result<std::vector<std::string>> ours = Status(StatusCode::kInternal, "unset");
    Result<Snapshot> snapshot = testing::LoadLatest(storage, version);
    if (snapshot.ok()) {
      ours = testing::ScanRows(storage, *snapshot);
    } else {
      ours = snapshot.status();
    }
    fs::path rows_file = fs::path(out.path()) / (c.name + ".jsonl");
    bool delta_rs_ok = fs::exists(rows_file);
    auto expected = ExpectedFailures().find(c.key);
    if (expected != ExpectedFailures().end() && !c.version) {
      seen_expected.insert(c.key);
      EXPECT_FALSE(ours.ok()) << "expected a refusal";
      EXPECT_NE(ours.status().ToString().find(expected->second), std::string::npos)
          << ours.status().ToString();
      ++refused_as_expected;
      continue;
    }
    if (!delta_rs_ok) {
      std::ifstream err(fs::path(out.path()) / (c.name + ".error"));
      std::string why((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
      if (ours.ok()) {
        ++only_delta_rs_refuses;
        std::cout << "[ info ] " << c.name << ": delta-rs refuses (" << why.substr(0, 120)
                  << "), salesflow reads " << ours->size() << " rows\n";
      } else {
        ++both_refuse;
        std::cout << "[ info ] " << c.name
                  << ": both refuse; salesflow: " << ours.status().ToString().substr(0, 160)
                  << "\n";
      }
      continue;
    }
    if (!ours.ok()) {
      ADD_FAILURE() << "delta-rs reads this table, salesflow fails: " << ours.status().ToString();
      continue;
    }
    std::vector<std::string> theirs = ReadLines(rows_file);
    EXPECT_EQ(ours->size(), theirs.size());
    if (*ours != theirs) {
      ADD_FAILURE() << "rows differ; first salesflow row: " << (ours->empty() ? "" : ours->front())
                    << "\nfirst delta-rs row: " << (theirs.empty() ? "" : theirs.front());
    }
    ++same;
  }
  EXPECT_EQ(seen_expected.size(), ExpectedFailures().size());
  std::cout << "[ info ] same rows: " << same << ", refused as expected: " << refused_as_expected
            << ", both refuse: " << both_refuse
            << ", only delta-rs refuses: " << only_delta_rs_refuses << "\n";
  EXPECT_GT(same, 60);
}

}  // namespace
}  // namespace salesflow::delta
