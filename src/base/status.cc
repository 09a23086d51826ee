#include "base/status.h"

#include <cstring>

namespace salesflow {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kConflict:
      return "Conflict";
    case StatusCode::kCorruption:
      return "Corruption";
    case StatusCode::kUnsupported:
      return "Unsupported";
    case StatusCode::kIoError:
      return "IoError";
    case StatusCode::kUnavailable:
      return "Unavailable";
    case StatusCode::kOutOfRange:
      return "OutOfRange";
    case StatusCode::kCancelled:
      return "Cancelled";
    case StatusCode::kInternal:
      return "Internal";
  }
  return "Unknown";
}

Status Status::WithContext(std::string_view context) const& {
  if (ok()) return *this;
  return Status(code_, std::string(context) + ": " + message_);
}

Status Status::WithContext(std::string_view context) && {
  if (ok()) return std::move(*this);
  message_.insert(0, ": ");
  message_.insert(0, context);
  return std::move(*this);
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
Status NotFound(std::string m) {
  return {StatusCode::kNotFound, std::move(m)};
}
Status AlreadyExists(std::string m) {
  return {StatusCode::kAlreadyExists, std::move(m)};
}
Status Conflict(std::string m) {
  return {StatusCode::kConflict, std::move(m)};
}
Status Corruption(std::string m) {
  return {StatusCode::kCorruption, std::move(m)};
}
Status Unsupported(std::string m) {
  return {StatusCode::kUnsupported, std::move(m)};
}
Status IoError(std::string m) {
  return {StatusCode::kIoError, std::move(m)};
}
Status Unavailable(std::string m) {
  return {StatusCode::kUnavailable, std::move(m)};
}
Status OutOfRange(std::string m) {
  return {StatusCode::kOutOfRange, std::move(m)};
}
Status Cancelled(std::string m) {
  return {StatusCode::kCancelled, std::move(m)};
}
Status Internal(std::string m) {
  return {StatusCode::kInternal, std::move(m)};
}

Status ErrnoError(std::string_view operation, std::string_view path, int errno_value) {
  std::string m(operation);
  m += " ";
  m += path;
  m += ": ";
  m += std::strerror(errno_value);
  return IoError(std::move(m));
}

}  // namespace salesflow
