#include "delta/action_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every "*.json" commit line of every golden table (the Spark-written reference).
std::vector<std::pair<std::string, std::string>> GoldenCommitLines() {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const auto& table : fs::directory_iterator(testing::GoldenTablesDir())) {
    fs::path log = table.path() / "_delta_log";
    if (!fs::is_directory(log)) continue;
    for (const auto& file : fs::directory_iterator(log)) {
      std::string name = file.path().filename().string();
      if (name.size() != 25 || !name.ends_with(".json")) continue;
      std::istringstream text(ReadAll(file.path()));
      std::string line;
      while (std::getline(text, line)) {
        if (!line.empty()) lines.emplace_back(file.path().string(), line);
      }
    }
  }
  return lines;
}

bool IsSimpleKind(const Action& action) {
  return std::holds_alternative<AddFile>(action) || std::holds_alternative<RemoveFile>(action) ||
         std::holds_alternative<Txn>(action) || std::holds_alternative<Protocol>(action);
}

TEST(ActionJsonTest, GoldenLinesRoundTripSemanticallyAndMostlyByteExact) {
  auto lines = GoldenCommitLines();
  ASSERT_GT(lines.size(), 200u) << "golden tables not found under " << testing::GoldenTablesDir();
  int exact = 0;
  int simple = 0;
  for (const auto& [file, line] : lines) {
    Result<std::vector<Action>> parsed = ParseActionLine(line);
    ASSERT_TRUE(parsed.ok()) << file << ": " << parsed.status().ToString() << "\n" << line;
    ASSERT_EQ(parsed->size(), 1u) << file << ": " << line;
    std::string written;
    AppendActionJson(parsed->front(), &written);
    Result<std::vector<Action>> reparsed = ParseActionLine(written);
    ASSERT_TRUE(reparsed.ok()) << written;
    EXPECT_EQ(*reparsed, *parsed) << file << "\n in: " << line << "\nout: " << written;
    if (IsSimpleKind(parsed->front())) {
      ++simple;
      // Spark's field order and escaping for the actions the snapshot and commits depend on.
      EXPECT_EQ(written, line) << file;
      exact += written == line;
    }
  }
  EXPECT_GT(simple, 100);
  EXPECT_EQ(exact, simple);
}

TEST(ActionJsonTest, SparkCommitInfoAndMetadataLinesAreByteExact) {
  std::string info =
      R"({"commitInfo":{"timestamp":1603724042582,"operation":"WRITE","operationParameters":{"mode":"Append","partitionBy":"[\"_2\"]"},"isBlindAppend":true}})";
  std::string metadata =
      R"({"metaData":{"id":"ccdc1b2a-f27e-47a6-aadb-dab6b88ac899","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"_1\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":["_2"],"configuration":{"delta.appendOnly":"true"},"createdTime":1603724042500}})";
  for (const std::string& line : {info, metadata}) {
    auto parsed = ParseActionLine(line);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    std::string written;
    AppendActionJson(parsed->front(), &written);
    EXPECT_EQ(written, line);
  }
}

TEST(ActionJsonTest, UnknownFieldsAndActionsAreTolerated) {
  std::string text =
      "{\"add\":{\"path\":\"a\",\"partitionValues\":{},\"size\":1,\"modificationTime\":2,"
      "\"dataChange\":true,\"futureField\":{\"x\":[1,2]}}}\n"
      "{\"cdc\":{\"path\":\"_change_data/x\",\"size\":3}}\n"
      "\n"
      "{\"someFutureAction\":[1,{\"b\":null}]}\n";
  auto actions = ParseCommit(text);
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  ASSERT_EQ(actions->size(), 3u);
  EXPECT_EQ(std::get<AddFile>((*actions)[0]).path, "a");
  EXPECT_EQ(std::get<OtherAction>((*actions)[1]).key, "cdc");
  EXPECT_EQ(std::get<OtherAction>((*actions)[2]).raw_json, "[1,{\"b\":null}]");
}

TEST(ActionJsonTest, CorruptJsonNamesTheLine) {
  std::string text =
      "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
      "{\"txn\":{\"appId\":\"a\",\"version\":1}}\n"
      "{\"add\":{\"path\":\"a\",\"size\":1\n";
  auto actions = ParseCommit(text);
  ASSERT_FALSE(actions.ok());
  EXPECT_EQ(actions.status().code(), StatusCode::kCorruption);
  EXPECT_NE(actions.status().message().find("line 3"), std::string::npos)
      << actions.status().message();
}

TEST(ActionJsonTest, MissingOrMistypedRequiredFieldsAreCorruption) {
  auto missing = ParseCommit("{\"txn\":{\"version\":1}}\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("appId"), std::string::npos);
  auto mistyped = ParseCommit("{\"add\":{\"path\":\"p\",\"size\":\"12\"}}\n");
  ASSERT_FALSE(mistyped.ok());
  EXPECT_NE(mistyped.status().message().find("add.size"), std::string::npos)
      << mistyped.status().message();
  auto not_object = ParseCommit("[1]\n");
  EXPECT_EQ(not_object.status().code(), StatusCode::kCorruption);
}

TEST(ActionJsonTest, EscapingMatchesJackson) {
  AddFile add;
  add.path = "a\"b\\c/d\x01\té";
  add.partition_values = {{"k", std::nullopt}, {"s", "x\ny"}};
  add.size = 5;
  add.modification_time = 6;
  std::string out;
  AppendActionJson(add, &out);
  EXPECT_EQ(out,
            "{\"add\":{\"path\":\"a\\\"b\\\\c/d\\u0001\\té\",\"partitionValues\":{\"k\":null,\"s\":"
            "\"x\\ny\"},\"size\":5,\"modificationTime\":6,\"dataChange\":true}}");
  auto back = ParseActionLine(out);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::get<AddFile>(back->front()), add);
}

TEST(ActionJsonTest, SerializeCommitEndsEveryLineWithNewline) {
  std::vector<Action> actions = {Protocol{}, Txn{"app", 7, 100}};
  std::string text = SerializeCommit(actions);
  EXPECT_EQ(text,
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
            "{\"txn\":{\"appId\":\"app\",\"version\":7,\"lastUpdated\":100}}\n");
  EXPECT_EQ(ParseCommit(text).value(), actions);
}

}  // namespace
}  // namespace salesflow::delta
