#include "server/user_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

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

Status WritePrivateFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("open", tmp.string(), errno);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return ErrnoError("write", tmp.string(), e);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return ErrnoError("fsync", tmp.string(), errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return ErrnoError("rename", path.string(), errno);
  return Status::Ok();
}

Result<UserStore> UserStore::Load(const std::filesystem::path& path) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  UserStore store;
  store.path_ = path;
  std::ifstream in(path);
  if (!in) {
    if (std::filesystem::exists(path)) return IoError("cannot read " + path.string());
    return store;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.compare(tab + 1, 10, "$argon2id$") != 0) {
      return Corruption(path.string() + ":" + std::to_string(number) +
                        ": expected 'name<TAB>$argon2id$...'");
    }
    std::string name = line.substr(0, tab);
    SF_RETURN_IF_ERROR(
        ValidateUserName(name).WithContext(path.string() + ":" + std::to_string(number)));
    store.users_[name] = line.substr(tab + 1);
  }
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
