#include "parquet/output_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

namespace salesflow::parquet {

Status MemoryOutputSink::Write(std::span<const uint8_t> data) {
  if (closed_) return Internal("write to a closed memory sink");
  data_.insert(data_.end(), data.begin(), data.end());
  return Status::Ok();
}

Status MemoryOutputSink::Close() {
  closed_ = true;
  return Status::Ok();
}

Result<std::unique_ptr<FileOutputSink>> FileOutputSink::Open(const std::string& path, bool sync) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("open", path, errno);
  return std::unique_ptr<FileOutputSink>(new FileOutputSink(fd, path, sync));
}

FileOutputSink::~FileOutputSink() {
  if (fd_ >= 0) ::close(fd_);
}

Status FileOutputSink::Write(std::span<const uint8_t> data) {
  if (fd_ < 0) return Internal("write to a closed file sink: " + path_);
  const uint8_t* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("write", path_, errno);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status FileOutputSink::Close() {
  if (fd_ < 0) return Status::Ok();
  int fd = fd_;
  fd_ = -1;
  if (sync_ && ::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    return ErrnoError("fsync", path_, e);
  }
  if (::close(fd) != 0) return ErrnoError("close", path_, errno);
  return Status::Ok();
}

}  // namespace salesflow::parquet
