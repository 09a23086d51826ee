// API tokens: shown once, stored as a hash, verified exactly.
#include "server/token_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace salesflow {
namespace {

TEST(TokenStoreTest, CreateSaveLoadVerify) {
  auto dir = std::filesystem::temp_directory_path() / ("sf-tokens-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / "tokens";
  std::filesystem::remove(path);
  auto store = TokenStore::Load(path);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(store->empty());
  auto token = store->Create("ci");
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(std::regex_match(*token, std::regex("sft_[0-9a-f]{16}_[0-9a-f]{64}"))) << *token;
  ASSERT_TRUE(store->Save().ok());

  std::stringstream file;
  file << std::ifstream(path).rdbuf();
  const std::string secret = token->substr(21);
  EXPECT_EQ(file.str().find(secret), std::string::npos) << "the secret must not be stored";
  EXPECT_NE(file.str().find(token->substr(4, 16)), std::string::npos) << "the id is";

  auto loaded = TokenStore::Load(path);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->Verify(*token).has_value());
  EXPECT_EQ(*loaded->Verify(*token), "ci");
  std::string wrong = *token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_FALSE(loaded->Verify(wrong).has_value());
  EXPECT_FALSE(loaded->Verify("").has_value());
  EXPECT_FALSE(loaded->Verify(token->substr(0, 40)).has_value());
  EXPECT_FALSE(loaded->Verify("sft_" + std::string(16, 'g') + "_" + secret).has_value());
  EXPECT_FALSE(store->Create("two\nlines").ok());
}

}  // namespace
}  // namespace salesflow
