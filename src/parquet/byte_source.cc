#include "parquet/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace salesflow::parquet {
namespace {

Status PastEnd(const std::string& name, uint64_t offset, size_t n, uint64_t size) {
  return OutOfRange(name + ": read of " + std::to_string(n) + " bytes at offset " +
                    std::to_string(offset) + " past the end (" + std::to_string(size) + " bytes)");
}

}  // namespace

Result<std::unique_ptr<LocalFileSource>> LocalFileSource::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return ErrnoError("open", path, errno);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return ErrnoError("fstat", path, e);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(path + ": not a regular file");
  }
  return std::unique_ptr<LocalFileSource>(
      new LocalFileSource(fd, static_cast<uint64_t>(st.st_size), path));
}

LocalFileSource::~LocalFileSource() {
  ::close(fd_);
}

Status LocalFileSource::ReadAt(uint64_t offset, std::span<uint8_t> out) {
  if (offset > size_ || out.size() > size_ - offset) {
    return PastEnd(path_, offset, out.size(), size_);
  }
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("pread", path_, errno);
    }
    if (n == 0) return IoError(path_ + ": file shrank while reading");
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status MemorySource::ReadAt(uint64_t offset, std::span<uint8_t> out) {
  if (offset > bytes_.size() || out.size() > bytes_.size() - offset) {
    return PastEnd(name_, offset, out.size(), bytes_.size());
  }
  if (!out.empty()) std::memcpy(out.data(), bytes_.data() + offset, out.size());
  return Status::Ok();
}

}  // namespace salesflow::parquet
