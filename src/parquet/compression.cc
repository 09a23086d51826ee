#include "parquet/compression.h"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>
#include <cstring>
#include <string>

namespace salesflow::parquet {
namespace {

std::string SizeMismatch(size_t got, size_t want) {
  return "decompressed to " + std::to_string(got) + " bytes, page header says " +
         std::to_string(want);
}

class UncompressedCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kUncompressed; }
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (input.size() != output.size()) {
      return Corruption("uncompressed page: " + SizeMismatch(input.size(), output.size()));
    }
    if (!input.empty()) std::memcpy(output.data(), input.data(), input.size());
    return Status::Ok();
  }
  Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) override {
    out->insert(out->end(), input.begin(), input.end());
    return Status::Ok();
  }
};

class SnappyCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kSnappy; }
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    const char* in = reinterpret_cast<const char*>(input.data());
    size_t length = 0;
    if (!snappy::GetUncompressedLength(in, input.size(), &length)) {
      return Corruption("snappy: bad length header");
    }
    if (length != output.size())
      return Corruption("snappy: " + SizeMismatch(length, output.size()));
    // RawUncompress validates every copy against the declared length, so hostile input cannot
    // write outside `output`.
    if (!snappy::RawUncompress(in, input.size(), reinterpret_cast<char*>(output.data()))) {
      return Corruption("snappy: invalid compressed data");
    }
    return Status::Ok();
  }
  Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) override {
    size_t start = out->size();
    out->resize(start + snappy::MaxCompressedLength(input.size()));
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(input.data()), input.size(),
                        reinterpret_cast<char*>(out->data() + start), &written);
    out->resize(start + written);
    return Status::Ok();
  }
};

struct ZstdDCtxDeleter {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
struct ZstdCCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level == 0 ? ZSTD_CLEVEL_DEFAULT : level) {}
  CompressionCodec codec() const override { return CompressionCodec::kZstd; }
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (!dctx_) {
      dctx_.reset(ZSTD_createDCtx());
      if (!dctx_) return Internal("zstd: cannot allocate a decompression context");
    }
    // Decodes every concatenated frame; fails with dstSize_tooSmall instead of overrunning.
    size_t got =
        ZSTD_decompressDCtx(dctx_.get(), output.data(), output.size(), input.data(), input.size());
    if (ZSTD_isError(got)) return Corruption(std::string("zstd: ") + ZSTD_getErrorName(got));
    if (got != output.size()) return Corruption("zstd: " + SizeMismatch(got, output.size()));
    return Status::Ok();
  }
  Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) override {
    if (!cctx_) {
      cctx_.reset(ZSTD_createCCtx());
      if (!cctx_) return Internal("zstd: cannot allocate a compression context");
    }
    size_t start = out->size();
    out->resize(start + ZSTD_compressBound(input.size()));
    size_t written = ZSTD_compressCCtx(cctx_.get(), out->data() + start, out->size() - start,
                                       input.data(), input.size(), level_);
    if (ZSTD_isError(written)) {
      out->resize(start);
      return Internal(std::string("zstd compress: ") + ZSTD_getErrorName(written));
    }
    out->resize(start + written);
    return Status::Ok();
  }

 private:
  int level_;
  std::unique_ptr<ZSTD_DCtx, ZstdDCtxDeleter> dctx_;
  std::unique_ptr<ZSTD_CCtx, ZstdCCtxDeleter> cctx_;
};

// RAII for a z_stream set up by inflateInit2 or deflateInit2.
class ZStream {
 public:
  enum class Mode { kInflate, kDeflate };
  ZStream() { std::memset(&stream_, 0, sizeof(stream_)); }
  ~ZStream() { Close(); }
  ZStream(const ZStream&) = delete;
  ZStream& operator=(const ZStream&) = delete;

  Status Init(Mode mode, int level) {
    Close();
    std::memset(&stream_, 0, sizeof(stream_));
    int rc = Z_OK;
    if (mode == Mode::kInflate) {
      // 15 + 32: accept both gzip and zlib headers (some writers emit zlib streams).
      rc = inflateInit2(&stream_, 15 + 32);
    } else {
      // 15 + 16: gzip framing, as parquet-mr and Arrow write GZIP pages.
      rc = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    }
    if (rc != Z_OK) return Internal("zlib: init failed");
    mode_ = mode;
    open_ = true;
    return Status::Ok();
  }
  z_stream* get() { return &stream_; }

 private:
  void Close() {
    if (!open_) return;
    if (mode_ == Mode::kInflate) {
      inflateEnd(&stream_);
    } else {
      deflateEnd(&stream_);
    }
    open_ = false;
  }
  z_stream stream_;
  Mode mode_ = Mode::kInflate;
  bool open_ = false;
};

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level == 0 ? Z_DEFAULT_COMPRESSION : level) {}
  CompressionCodec codec() const override { return CompressionCodec::kGzip; }

  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (input.size() > UINT_MAX || output.size() > UINT_MAX) {
      return Corruption("gzip: page larger than 4 GiB");
    }
    SF_RETURN_IF_ERROR(inflate_.Init(ZStream::Mode::kInflate, 0));
    z_stream* z = inflate_.get();
    z->next_in = const_cast<Bytef*>(input.data());
    z->avail_in = static_cast<uInt>(input.size());
    // zlib makes no progress with avail_out == 0, so an empty page inflates into a scratch
    // byte that must stay unused.
    uint8_t scratch = 0;
    const bool empty = output.empty();
    z->next_out = empty ? &scratch : output.data();
    z->avail_out = empty ? 1u : static_cast<uInt>(output.size());
    while (true) {
      int rc = inflate(z, Z_FINISH);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members (as some writers emit) decode as one stream; trailing
        // zero padding after the last member is ignored, like gzip(1) does.
        if (z->avail_in == 0 || AllZero(z->next_in, z->avail_in)) break;
        if (inflateReset(z) != Z_OK) return Internal("gzip: inflateReset failed");
        continue;
      }
      if (rc == Z_BUF_ERROR && z->avail_out == 0) {
        return Corruption("gzip: data decompresses to more than the page header's " +
                          std::to_string(output.size()) + " bytes");
      }
      if (rc != Z_OK) {
        return Corruption(std::string("gzip: ") + (z->msg != nullptr ? z->msg : "truncated data"));
      }
    }
    size_t got = (empty ? 1 : output.size()) - z->avail_out;
    if (got != output.size()) return Corruption("gzip: " + SizeMismatch(got, output.size()));
    return Status::Ok();
  }

  Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) override {
    if (input.size() > UINT_MAX) return InvalidArgument("gzip: page larger than 4 GiB");
    SF_RETURN_IF_ERROR(deflate_.Init(ZStream::Mode::kDeflate, level_));
    z_stream* z = deflate_.get();
    size_t start = out->size();
    size_t bound = deflateBound(z, static_cast<uLong>(input.size()));
    out->resize(start + bound);
    z->next_in = const_cast<Bytef*>(input.data());
    z->avail_in = static_cast<uInt>(input.size());
    z->next_out = out->data() + start;
    z->avail_out = static_cast<uInt>(bound);
    int rc = deflate(z, Z_FINISH);
    if (rc != Z_STREAM_END) {
      out->resize(start);
      return Internal("gzip compress: deflate did not finish");
    }
    out->resize(start + (bound - z->avail_out));
    return Status::Ok();
  }

 private:
  static bool AllZero(const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (p[i] != 0) return false;
    }
    return true;
  }
  int level_;
  ZStream inflate_;
  ZStream deflate_;
};

Status Lz4BlockDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  if (input.size() > INT_MAX || output.size() > INT_MAX) return Corruption("lz4: block too large");
  int got = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data()),
                                reinterpret_cast<char*>(output.data()),
                                static_cast<int>(input.size()), static_cast<int>(output.size()));
  if (got < 0) return Corruption("lz4: invalid compressed data");
  if (static_cast<size_t>(got) != output.size()) {
    return Corruption("lz4: " + SizeMismatch(static_cast<size_t>(got), output.size()));
  }
  return Status::Ok();
}

class Lz4RawCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kLz4Raw; }
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    return Lz4BlockDecompress(input, output);
  }
  Status Compress(std::span<const uint8_t> input, std::vector<uint8_t>* out) override {
    if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
      return InvalidArgument("lz4: page too large");
    }
    size_t start = out->size();
    int bound = LZ4_compressBound(static_cast<int>(input.size()));
    out->resize(start + static_cast<size_t>(bound));
    int written = LZ4_compress_default(reinterpret_cast<const char*>(input.data()),
                                       reinterpret_cast<char*>(out->data() + start),
                                       static_cast<int>(input.size()), bound);
    if (written <= 0 && !input.empty()) {
      out->resize(start);
      return Internal("lz4 compress failed");
    }
    out->resize(start + static_cast<size_t>(written));
    return Status::Ok();
  }
};

// The deprecated LZ4 codec: parquet-mr wrote Hadoop's framing (big-endian decompressed and
// compressed sizes before each block) while older Arrow wrote raw blocks. Like Arrow, try
// the Hadoop framing first and fall back to a raw block. Read only.
class Lz4HadoopCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kLz4; }
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (TryHadoop(input, output)) return Status::Ok();
    return Lz4BlockDecompress(input, output).WithContext("LZ4 (not Hadoop-framed either)");
  }
  Status Compress(std::span<const uint8_t>, std::vector<uint8_t>*) override {
    return Unsupported("unsupported: writing LZ4 (Hadoop) compression");
  }

 private:
  static uint32_t LoadBigEndian32(const uint8_t* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  }
  static bool TryHadoop(std::span<const uint8_t> input, std::span<uint8_t> output) {
    size_t in = 0;
    size_t out = 0;
    while (in < input.size()) {
      if (input.size() - in < 8) return false;
      uint32_t block_raw = LoadBigEndian32(input.data() + in);
      uint32_t block_compressed = LoadBigEndian32(input.data() + in + 4);
      in += 8;
      if (block_compressed > input.size() - in || block_raw > output.size() - out) return false;
      if (!Lz4BlockDecompress(input.subspan(in, block_compressed), output.subspan(out, block_raw))
               .ok()) {
        return false;
      }
      in += block_compressed;
      out += block_raw;
    }
    return out == output.size();
  }
};

}  // namespace

std::string_view CompressionCodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return "UNCOMPRESSED";
    case CompressionCodec::kSnappy:
      return "SNAPPY";
    case CompressionCodec::kGzip:
      return "GZIP";
    case CompressionCodec::kLzo:
      return "LZO";
    case CompressionCodec::kBrotli:
      return "BROTLI";
    case CompressionCodec::kLz4:
      return "LZ4";
    case CompressionCodec::kZstd:
      return "ZSTD";
    case CompressionCodec::kLz4Raw:
      return "LZ4_RAW";
  }
  return "CODEC(?)";
}

Result<CompressionCodec> CodecFromThrift(int32_t value) {
  if (value < 0 || value > static_cast<int32_t>(CompressionCodec::kLz4Raw)) {
    return Unsupported("unsupported: compression codec " + std::to_string(value));
  }
  return static_cast<CompressionCodec>(value);
}

Result<std::unique_ptr<Codec>> MakeCodec(CompressionCodec codec, CodecOptions options) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return std::unique_ptr<Codec>(new UncompressedCodec());
    case CompressionCodec::kSnappy:
      return std::unique_ptr<Codec>(new SnappyCodec());
    case CompressionCodec::kGzip:
      return std::unique_ptr<Codec>(new GzipCodec(options.level));
    case CompressionCodec::kZstd:
      return std::unique_ptr<Codec>(new ZstdCodec(options.level));
    case CompressionCodec::kLz4Raw:
      return std::unique_ptr<Codec>(new Lz4RawCodec());
    case CompressionCodec::kLz4:
      return std::unique_ptr<Codec>(new Lz4HadoopCodec());
    case CompressionCodec::kLzo:
    case CompressionCodec::kBrotli:
      break;
  }
  return Unsupported("unsupported: " + std::string(CompressionCodecName(codec)) + " compression");
}

}  // namespace salesflow::parquet
