#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace salesflow::parquet {

// Random-access bytes a Parquet file is read from: a local file here, Delta's storage (or a
// test's fault-injecting source) elsewhere. Reads are whole ranges: a short read is an error.
class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Total size in bytes.
  virtual uint64_t size() const = 0;

  // Fills `out` with the bytes at [offset, offset + out.size()). OutOfRange past the end,
  // IoError when the storage fails.
  virtual Status ReadAt(uint64_t offset, std::span<uint8_t> out) = 0;

  // A name for error messages (the path).
  virtual const std::string& name() const = 0;
};

// A local file read with pread(2); the descriptor is closed with the object.
class LocalFileSource final : public ByteSource {
 public:
  // Opens `path` read-only; NotFound or IoError naming the path.
  static Result<std::unique_ptr<LocalFileSource>> Open(const std::string& path);
  ~LocalFileSource() override;
  LocalFileSource(const LocalFileSource&) = delete;
  LocalFileSource& operator=(const LocalFileSource&) = delete;

  uint64_t size() const override { return size_; }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out) override;
  const std::string& name() const override { return path_; }

 private:
  LocalFileSource(int fd, uint64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  int fd_;
  uint64_t size_;
  std::string path_;
};

// Bytes already in memory (tests, the fuzzer, small files fetched whole).
class MemorySource final : public ByteSource {
 public:
  // Copies nothing when moved in; `name` is for messages.
  explicit MemorySource(std::vector<uint8_t> bytes, std::string name = "<memory>")
      : bytes_(std::move(bytes)), name_(std::move(name)) {}

  uint64_t size() const override { return bytes_.size(); }
  Status ReadAt(uint64_t offset, std::span<uint8_t> out) override;
  const std::string& name() const override { return name_; }

 private:
  std::vector<uint8_t> bytes_;
  std::string name_;
};

}  // namespace salesflow::parquet
