#include "server/token_store.h"

#include <sodium.h>

#include <sstream>

#include "server/private_file.h"
#include "server/user_store.h"

namespace salesflow {
namespace {

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

std::string HashSecret(std::string_view secret) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  return Hex(digest, sizeof digest);
}

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<TokenStore> TokenStore::Load(const std::filesystem::path& path) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  TokenStore store;
  store.path_ = path;
  Status read = ForEachRecordLine(path, [&](const std::string& line, int number) -> Status {
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos || a != 16 || b - a - 1 != 64) {
      return Corruption(path.string() + ":" + std::to_string(number) +
                        ": expected 'id<TAB>hash<TAB>label'");
    }
    store.tokens_[line.substr(0, a)] = Entry{line.substr(a + 1, 64), line.substr(b + 1)};
    return Status::Ok();
  });
  SF_RETURN_IF_ERROR(read);
  return store;
}

Result<std::string> TokenStore::Create(std::string_view label) {
  if (label.find_first_of("\t\n\r") != std::string_view::npos || label.size() > 200) {
    return InvalidArgument("a token label is one line of at most 200 characters");
  }
  unsigned char id[8], secret[32];
  randombytes_buf(id, sizeof id);
  randombytes_buf(secret, sizeof secret);
  std::string id_hex = Hex(id, sizeof id);
  std::string secret_hex = Hex(secret, sizeof secret);
  tokens_[id_hex] = Entry{HashSecret(secret_hex), std::string(label)};
  return "sft_" + id_hex + "_" + secret_hex;
}

std::optional<std::string> TokenStore::Verify(std::string_view token) const {
  if (token.size() != 4 + 16 + 1 + 64 || token.substr(0, 4) != "sft_" || token[20] != '_') {
    return std::nullopt;
  }
  std::string_view id = token.substr(4, 16);
  std::string_view secret = token.substr(21);
  if (!IsHex(id) || !IsHex(secret)) return std::nullopt;
  auto it = tokens_.find(id);
  if (it == tokens_.end()) return std::nullopt;
  std::string hash = HashSecret(secret);
  if (sodium_memcmp(hash.data(), it->second.hash_hex.data(), hash.size()) != 0) {
    return std::nullopt;
  }
  return it->second.label;
}

Status TokenStore::Save() const {
  std::ostringstream out;
  out << "# salesflow API tokens: id<TAB>blake2b-256(secret)<TAB>label (salesflow token create)\n";
  for (const auto& [id, e] : tokens_) out << id << '\t' << e.hash_hex << '\t' << e.label << '\n';
  return WritePrivateFile(path_, out.str());
}

}  // namespace salesflow
