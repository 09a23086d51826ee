#include "server/session_store.h"

#include <sodium.h>

namespace salesflow {
namespace {

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.resize(bytes * 2);
  return out;
}

}  // namespace

SessionStore::SessionStore(const Clock& clock, int64_t lifetime_us, size_t max_sessions)
    : clock_(clock), lifetime_us_(lifetime_us), max_sessions_(max_sessions) {
  if (sodium_init() < 0) std::abort();  // cannot happen on a working libsodium
}

std::string SessionStore::Create(std::string_view user) {
  std::string id = RandomHex(32);
  Session s{std::string(user), RandomHex(32), clock_.NowMicros() + lifetime_us_};
  std::lock_guard<std::mutex> lock(mu_);
  while (sessions_.size() >= max_sessions_ && !order_.empty()) {
    sessions_.erase(order_.front());
    order_.pop_front();
  }
  sessions_[id] = std::move(s);
  order_.push_back(id);
  return id;
}

std::optional<Session> SessionStore::Find(std::string_view id) const {
  if (id.size() != 64) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.expires_us <= clock_.NowMicros()) return std::nullopt;
  return it->second;
}

void SessionStore::Erase(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

LoginRateLimiter::LoginRateLimiter(const Clock& clock, int max_failures, int64_t window_us)
    : clock_(clock), max_failures_(max_failures), window_us_(window_us) {}

int64_t LoginRateLimiter::RetryAfterSeconds(std::string_view address) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return 0;
  const int64_t now = clock_.NowMicros();
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - window_us_) times.pop_front();
  if (times.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(times.size()) < max_failures_) return 0;
  return (times.front() + window_us_ - now) / 1000000 + 1;
}

void LoginRateLimiter::RecordFailure(std::string_view address) {
  std::lock_guard<std::mutex> lock(mu_);
  if (failures_.size() > 100000) failures_.clear();  // bound memory under a spray of addresses
  failures_[std::string(address)].push_back(clock_.NowMicros());
}

void LoginRateLimiter::RecordSuccess(std::string_view address) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = failures_.find(address);
  if (it != failures_.end()) failures_.erase(it);
}

}  // namespace salesflow
