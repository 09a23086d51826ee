#include "server/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

namespace salesflow {

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

Status ForEachRecordLine(const std::filesystem::path& path,
                         const std::function<Status(const std::string& line, int number)>& record) {
  std::ifstream in(path);
  if (!in) {
    if (std::filesystem::exists(path)) return IoError("cannot read " + path.string());
    return Status::Ok();
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    SF_RETURN_IF_ERROR(record(line, number));
  }
  return Status::Ok();
}

}  // namespace salesflow
