#include "server/user_store.h"

#include <sodium.h>

#include <sstream>

#include "server/private_file.h"

namespace salesflow {

PasswordCost InteractivePasswordCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost MinimalPasswordCost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Status ValidateUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return InvalidArgument("a user name has 1 to 64 characters");
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return InvalidArgument("a user name uses only letters, digits, '.', '_' and '-'");
  }
  return Status::Ok();
}

Result<UserStore> UserStore::Load(const std::filesystem::path& path) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  UserStore store;
  store.path_ = path;
  Status read = ForEachRecordLine(path, [&](const std::string& line, int number) -> Status {
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.compare(tab + 1, 10, "$argon2id$") != 0) {
      return Corruption(path.string() + ":" + std::to_string(number) +
                        ": expected 'name<TAB>$argon2id$...'");
    }
    std::string name = line.substr(0, tab);
    SF_RETURN_IF_ERROR(
        ValidateUserName(name).WithContext(path.string() + ":" + std::to_string(number)));
    store.users_[name] = line.substr(tab + 1);
    return Status::Ok();
  });
  SF_RETURN_IF_ERROR(read);
  return store;
}

Status UserStore::Set(std::string_view name, std::string_view password, PasswordCost cost) {
  SF_RETURN_IF_ERROR(ValidateUserName(name));
  if (password.size() < 8) return InvalidArgument("a password has at least 8 characters");
  if (password.size() > 1024) return InvalidArgument("a password has at most 1024 characters");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), cost.ops_limit, cost.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("crypto_pwhash_str failed (out of memory?)");
  }
  users_[std::string(name)] = hash;
  return Status::Ok();
}

bool UserStore::Verify(std::string_view name, std::string_view password) const {
  // A fixed hash of a random password: verifying against it takes as long as a real check.
  static const std::string kDecoy = [] {
    char hash[crypto_pwhash_STRBYTES];
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    if (crypto_pwhash_str_alg(hash, reinterpret_cast<const char*>(random), sizeof random,
                              crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return std::string();
    }
    return std::string(hash);
  }();
  if (password.size() > 1024) return false;
  auto it = users_.find(name);
  const std::string& hash = it != users_.end() ? it->second : kDecoy;
  bool ok = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  return ok && it != users_.end();
}

Status UserStore::Save() const {
  std::ostringstream out;
  out << "# salesflow dashboard users: name<TAB>argon2id hash (salesflow user add NAME)\n";
  for (const auto& [name, hash] : users_) out << name << '\t' << hash << '\n';
  return WritePrivateFile(path_, out.str());
}

}  // namespace salesflow
