#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace salesflow {

// Category of an expected failure; callers branch on it (retry a conflict, skip a bad record).
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input from a user or a message: never retry
  kNotFound,         // a file, table or key that is not there
  kAlreadyExists,    // put-if-absent lost: somebody else wrote that name first
  kConflict,         // optimistic commit lost against a conflicting writer
  kCorruption,       // stored data does not decode
  kUnsupported,      // valid input using a feature we do not implement
  kIoError,          // the operating system refused a read or write
  kUnavailable,      // a remote service (broker) cannot be reached right now: retry later
  kOutOfRange,       // a position past the data (offset gone from Kafka, version not in log)
  kCancelled,        // stopped on request (signal)
  kInternal,         // a broken invariant of our own
};

std::string_view StatusCodeName(StatusCode code);

// Result of an operation that can fail in an expected way. Cheap when ok (no allocation).
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with what the caller was doing, e.g. "reading 00001.json: ".
  Status WithContext(std::string_view context) const&;
  Status WithContext(std::string_view context) &&;

  // "Conflict: reading 00001.json: ..." — for logs and error output.
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status AlreadyExists(std::string message);
Status Conflict(std::string message);
Status Corruption(std::string message);
Status Unsupported(std::string message);
Status IoError(std::string message);
Status Unavailable(std::string message);
Status OutOfRange(std::string message);
Status Cancelled(std::string message);
Status Internal(std::string message);

// An IoError naming the operation, the path and strerror(errno_value).
Status ErrnoError(std::string_view operation, std::string_view path, int errno_value);

}  // namespace salesflow

// Returns the status from the enclosing function when it is not ok.
#define SF_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::salesflow::Status sf_status_ = (expr); \
    if (!sf_status_.ok()) return sf_status_; \
  } while (false)
