#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace salesflow {

// A logged-in browser.
struct Session {
  std::string user;        // who logged in
  std::string csrf_token;  // must come back in X-CSRF-Token on state-changing requests
  int64_t expires_us = 0;  // absolute expiry, UTC micros
};

// Sessions in memory (a restart logs everyone out, by design). Ids are 32 random bytes in
// hex; only exact, unexpired ids match. Thread-safe.
class SessionStore {
 public:
  // `lifetime_us` after creation a session expires; at most `max_sessions` live at once
  // (the oldest is dropped).
  SessionStore(const Clock& clock, int64_t lifetime_us, size_t max_sessions = 10000);

  // A new session for `user`; returns its id.
  std::string Create(std::string_view user);
  // The session with that id, if it exists and has not expired.
  std::optional<Session> Find(std::string_view id) const;
  // Logs out.
  void Erase(std::string_view id);

 private:
  const Clock& clock_;
  int64_t lifetime_us_;
  size_t max_sessions_;
  mutable std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;
  std::deque<std::string> order_;  // creation order, for dropping the oldest
};

// Failed-login throttle per client address: after `max_failures` failures within `window_us`
// the address is refused until the window has passed. Thread-safe.
class LoginRateLimiter {
 public:
  LoginRateLimiter(const Clock& clock, int max_failures, int64_t window_us);

  // 0 when `address` may try now, else the seconds to wait.
  int64_t RetryAfterSeconds(std::string_view address);
  // Records a failed attempt.
  void RecordFailure(std::string_view address);
  // Forgets the failures of `address` (after a successful login).
  void RecordSuccess(std::string_view address);

 private:
  const Clock& clock_;
  int max_failures_;
  int64_t window_us_;
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>, std::less<>> failures_;  // address -> times
};

}  // namespace salesflow
