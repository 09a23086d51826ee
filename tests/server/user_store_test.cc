// Users file: argon2id hashes only, validation, atomic 0600 file, reload.
#include "server/user_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace salesflow {
namespace {

std::filesystem::path TempPath(const char* name) {
  auto dir = std::filesystem::temp_directory_path() / ("sf-users-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(UserStoreTest, MissingFileIsEmpty) {
  auto store = UserStore::Load(TempPath("none"));
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(store->empty());
  EXPECT_FALSE(store->Verify("alice", "whatever-password"));
}

TEST(UserStoreTest, StoresArgon2idHashesNeverPasswords) {
  auto path = TempPath("users-a");
  std::filesystem::remove(path);
  auto store = UserStore::Load(path);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->Set("alice", "correct horse", MinimalPasswordCost()).ok());
  ASSERT_TRUE(store->Save().ok());
  std::string text = ReadAll(path);
  EXPECT_NE(text.find("alice\t$argon2id$v=19$"), std::string::npos) << text;
  EXPECT_EQ(text.find("correct horse"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto reloaded = UserStore::Load(path);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->size(), 1u);
  EXPECT_TRUE(reloaded->Verify("alice", "correct horse"));
  EXPECT_FALSE(reloaded->Verify("alice", "correct horsE"));
  EXPECT_FALSE(reloaded->Verify("bob", "correct horse"));
  // Replacing a password keeps one entry.
  ASSERT_TRUE(reloaded->Set("alice", "battery staple", MinimalPasswordCost()).ok());
  EXPECT_EQ(reloaded->size(), 1u);
  EXPECT_TRUE(reloaded->Verify("alice", "battery staple"));
}

TEST(UserStoreTest, RejectsBadNamesPasswordsAndFiles) {
  auto store = UserStore::Load(TempPath("none2"));
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(store->Set("", "long enough", MinimalPasswordCost()).ok());
  EXPECT_FALSE(store->Set("a b", "long enough", MinimalPasswordCost()).ok());
  EXPECT_FALSE(store->Set("a\tb", "long enough", MinimalPasswordCost()).ok());
  EXPECT_FALSE(store->Set(std::string(65, 'a'), "long enough", MinimalPasswordCost()).ok());
  EXPECT_FALSE(store->Set("alice", "short", MinimalPasswordCost()).ok());
  auto path = TempPath("users-bad");
  std::ofstream(path) << "alice\tplaintext-password\n";
  auto bad = UserStore::Load(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace salesflow
