#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace salesflow {

// API bearer tokens: "sft_<id>_<secret>" (id 16 hex digits, secret 64 hex digits). The file
// keeps "id<TAB>blake2b(secret) hex<TAB>label" lines, mode 0600: a stolen file grants nothing.
class TokenStore {
 public:
  // Reads `path`; a missing file is an empty store.
  static Result<TokenStore> Load(const std::filesystem::path& path);

  // Makes a new token labelled `label` and returns it; only its hash is kept.
  Result<std::string> Create(std::string_view label);
  // The label of the token when `token` is valid.
  std::optional<std::string> Verify(std::string_view token) const;
  // Writes the file atomically, mode 0600.
  Status Save() const;

  bool empty() const { return tokens_.empty(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  struct Entry {
    std::string hash_hex;  // blake2b-256 of the secret
    std::string label;     // who or what it is for
  };
  std::filesystem::path path_;
  std::map<std::string, Entry, std::less<>> tokens_;  // id -> entry
};

}  // namespace salesflow
