#include "delta/local_storage.h"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <utility>

#include "delta/unique_id.h"

namespace salesflow::delta {
namespace {

// Closes a file descriptor on scope exit.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now so the caller sees close(2) errors (NFS reports write errors there).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// Closes a directory stream on scope exit.
struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

int64_t MtimeMillis(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

}  // namespace

LocalStorage::LocalStorage(std::string root, LocalStorageOptions options)
    : root_(std::move(root)), options_(options) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string LocalStorage::Absolute(std::string_view path) const {
  if (!path.empty() && path.front() == '/') return std::string(path);
  return JoinPath(root_, path);
}

Status LocalStorage::MakeDirectories(const std::string& absolute_dir) {
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    size_t next = absolute_dir.find('/', pos + 1);
    partial = absolute_dir.substr(0, next);
    pos = next;
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0777) != 0 && errno != EEXIST) {
      return ErrnoError("mkdir", partial, errno);
    }
  }
  return Status::Ok();
}

Result<std::string> LocalStorage::ReadFile(std::string_view path) {
  std::string absolute = Absolute(path);
  FileDescriptor fd(::open(absolute.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return NotFound(fmt::format("no file {}", absolute));
    return ErrnoError("open", absolute, errno);
  }
  std::string contents;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("read", absolute, errno);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
  }
  return contents;
}

Result<std::vector<FileInfo>> LocalStorage::List(std::string_view dir,
                                                 std::string_view name_prefix) {
  std::string absolute = Absolute(dir);
  std::unique_ptr<DIR, DirCloser> stream(::opendir(absolute.c_str()));
  if (!stream) {
    if (errno == ENOENT) return std::vector<FileInfo>{};
    return ErrnoError("opendir", absolute, errno);
  }
  std::vector<FileInfo> files;
  errno = 0;
  while (struct dirent* entry = ::readdir(stream.get())) {
    std::string_view name(entry->d_name);
    if (name == "." || name == ".." || !name.starts_with(name_prefix)) continue;
    struct stat st {};
    if (::fstatat(::dirfd(stream.get()), entry->d_name, &st, 0) != 0) {
      if (errno == ENOENT) continue;  // deleted while listing (cleanup, vacuum)
      return ErrnoError("stat", JoinPath(absolute, name), errno);
    }
    if (!S_ISREG(st.st_mode)) continue;
    files.push_back({std::string(name), static_cast<int64_t>(st.st_size), MtimeMillis(st)});
  }
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.name < b.name; });
  return files;
}

Result<std::vector<std::string>> LocalStorage::ListNames(std::string_view dir,
                                                         std::string_view name_prefix,
                                                         std::string_view start_from) {
  std::string absolute = Absolute(dir);
  std::unique_ptr<DIR, DirCloser> stream(::opendir(absolute.c_str()));
  if (!stream) {
    if (errno == ENOENT) return std::vector<std::string>{};
    return ErrnoError("opendir", absolute, errno);
  }
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    struct dirent* entry = ::readdir(stream.get());
    if (entry == nullptr) {
      if (errno != 0) return ErrnoError("readdir", absolute, errno);
      break;
    }
    std::string_view name(entry->d_name);
    if (name == "." || name == ".." || !name.starts_with(name_prefix) || name < start_from) {
      continue;
    }
    if (entry->d_type == DT_UNKNOWN) {
      // Some file systems do not fill d_type: only then is a stat needed.
      struct stat st {};
      if (::fstatat(::dirfd(stream.get()), entry->d_name, &st, 0) != 0) {
        if (errno == ENOENT) continue;  // deleted while listing (cleanup, vacuum)
        return ErrnoError("stat", JoinPath(absolute, name), errno);
      }
      if (!S_ISREG(st.st_mode)) continue;
    } else if (entry->d_type != DT_REG) {
      continue;
    }
    names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<FileInfo> LocalStorage::Stat(std::string_view path) {
  std::string absolute = Absolute(path);
  struct stat st {};
  if (::stat(absolute.c_str(), &st) != 0) {
    if (errno == ENOENT) return NotFound(fmt::format("no file {}", absolute));
    return ErrnoError("stat", absolute, errno);
  }
  size_t slash = absolute.rfind('/');
  return FileInfo{absolute.substr(slash == std::string::npos ? 0 : slash + 1),
                  static_cast<int64_t>(st.st_size), MtimeMillis(st)};
}

Result<std::string> LocalStorage::WriteTemporary(std::string_view dir, std::string_view contents,
                                                 std::string_view name_hint) {
  std::string absolute_dir = Absolute(dir);
  SF_RETURN_IF_ERROR(MakeDirectories(absolute_dir));
  // Hidden and without the final suffix, so no Delta reader lists it as a commit or data file.
  std::string name = fmt::format(".{}.{}.tmp", name_hint, RandomUuid());
  std::string relative = JoinPath(dir, name);
  std::string absolute = JoinPath(absolute_dir, name);
  FileDescriptor fd(::open(absolute.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) return ErrnoError("create", absolute, errno);
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status status = ErrnoError("write", absolute, errno);
      ::unlink(absolute.c_str());
      return status;
    }
    written += static_cast<size_t>(n);
  }
  if (options_.sync && ::fsync(fd.get()) != 0) {
    Status status = ErrnoError("fsync", absolute, errno);
    ::unlink(absolute.c_str());
    return status;
  }
  if (fd.Close() != 0) {
    Status status = ErrnoError("close", absolute, errno);
    ::unlink(absolute.c_str());
    return status;
  }
  return relative;
}

Status LocalStorage::PublishIfAbsent(std::string_view temporary_path, std::string_view final_path) {
  std::string from = Absolute(temporary_path);
  std::string to = Absolute(final_path);
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return AlreadyExists(fmt::format("{} already exists", to));
    return ErrnoError(fmt::format("link {} ->", from), to, errno);
  }
  return Status::Ok();
}

Status LocalStorage::Rename(std::string_view temporary_path, std::string_view final_path) {
  std::string from = Absolute(temporary_path);
  std::string to = Absolute(final_path);
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return ErrnoError(fmt::format("rename {} ->", from), to, errno);
  }
  return Status::Ok();
}

Status LocalStorage::SyncDirectory(std::string_view dir) {
  if (!options_.sync) return Status::Ok();
  std::string absolute = Absolute(dir);
  FileDescriptor fd(::open(absolute.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open directory", absolute, errno);
  if (::fsync(fd.get()) != 0) return ErrnoError("fsync directory", absolute, errno);
  return Status::Ok();
}

Status LocalStorage::Delete(std::string_view path) {
  std::string absolute = Absolute(path);
  if (::unlink(absolute.c_str()) != 0) {
    if (errno == ENOENT) return NotFound(fmt::format("no file {}", absolute));
    return ErrnoError("unlink", absolute, errno);
  }
  return Status::Ok();
}

}  // namespace salesflow::delta
