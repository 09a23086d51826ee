#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace salesflow {

// libsodium argon2id cost of a password hash.
struct PasswordCost {
  unsigned long long ops_limit;  // crypto_pwhash opslimit
  size_t mem_limit;              // crypto_pwhash memlimit, bytes
};

// The cost `salesflow user add` uses (libsodium's INTERACTIVE: 2 passes, 64 MiB).
PasswordCost InteractivePasswordCost();
// The smallest cost libsodium accepts: for tests only.
PasswordCost MinimalPasswordCost();

// Dashboard users: a text file of "name<TAB>argon2id hash" lines (crypto_pwhash_str), mode
// 0600. No password is ever stored or logged.
class UserStore {
 public:
  // Reads `path`; a missing file is an empty store (the dashboard then runs open on loopback).
  static Result<UserStore> Load(const std::filesystem::path& path);

  // Adds or replaces `name` (letters, digits, . _ -; 1..64 chars) with a fresh hash of
  // `password` (at least 8 bytes).
  Status Set(std::string_view name, std::string_view password, PasswordCost cost);
  // True when `name` exists and `password` matches. Unknown names cost a verification too,
  // so timing does not reveal which names exist.
  bool Verify(std::string_view name, std::string_view password) const;
  // Writes the file atomically (temporary file + rename), mode 0600.
  Status Save() const;

  bool empty() const { return users_.empty(); }
  size_t size() const { return users_.size(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::map<std::string, std::string, std::less<>> users_;  // name -> hash string
};

// Checks a user name: 1..64 of [A-Za-z0-9._-].
Status ValidateUserName(std::string_view name);

}  // namespace salesflow
