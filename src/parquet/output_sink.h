#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace salesflow::parquet {

// Where the writer sends a file's bytes, in order. Delta writes through its own storage
// interface by implementing this; tests inject failures the same way.
class OutputSink {
 public:
  virtual ~OutputSink() = default;

  // Appends `data`; an error leaves the sink unusable.
  virtual Status Write(std::span<const uint8_t> data) = 0;
  // Flushes and closes; the writer calls it once, after the footer.
  virtual Status Close() = 0;
};

// Collects the bytes in memory (tests, small files such as checkpoints).
class MemoryOutputSink final : public OutputSink {
 public:
  Status Write(std::span<const uint8_t> data) override;
  Status Close() override;

  // Everything written so far.
  const std::vector<uint8_t>& data() const { return data_; }
  // True once Close() was called.
  bool closed() const { return closed_; }

 private:
  std::vector<uint8_t> data_;
  bool closed_ = false;
};

// Writes a local file (created or truncated), optionally fsynced on Close.
class FileOutputSink final : public OutputSink {
 public:
  // Opens `path` for writing; `sync` makes Close() fsync the file.
  static Result<std::unique_ptr<FileOutputSink>> Open(const std::string& path, bool sync = false);
  ~FileOutputSink() override;

  FileOutputSink(const FileOutputSink&) = delete;
  FileOutputSink& operator=(const FileOutputSink&) = delete;

  Status Write(std::span<const uint8_t> data) override;
  Status Close() override;

 private:
  FileOutputSink(int fd, std::string path, bool sync)
      : fd_(fd), path_(std::move(path)), sync_(sync) {}

  int fd_;
  std::string path_;
  bool sync_;
};

}  // namespace salesflow::parquet
