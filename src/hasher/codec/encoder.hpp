#pragma once

// Streams a file's bytes into gzip or zstd as they pass, chunk by chunk,
// with contexts made once and reused for every file (a copy of many small
// files does not pay for a new zstd context each time). The zstd frames
// carry their content size when known and a checksum, so `zstd -t` checks
// them; gzip members are what gzip(1) writes.

#include <hasher/codec/codec.hpp>
#include <hasher/util/result.hpp>

#include <cstdint>
#include <span>
#include <vector>

typedef struct ZSTD_CCtx_s ZSTD_CCtx;
typedef struct z_stream_s z_stream;

namespace hasher::codec {

class Encoder {
public:
  Encoder();
  ~Encoder();
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  // Starts a new stream of `codec` (not none) at `level`; `size`, when not
  // 0, is the exact number of bytes that will be fed.
  void start(Codec codec, int level, std::uint64_t size);
  // Compresses `input`; returns the compressed bytes it gave, valid until
  // the next call. Fails with ErrorKind::io naming `subject`.
  util::Result<std::span<const std::uint8_t>>
  update(std::span<const std::uint8_t> input, const std::string& subject);
  // Ends the stream; returns its last bytes, valid until the next call.
  util::Result<std::span<const std::uint8_t>>
  finish(const std::string& subject);

private:
  util::Result<std::span<const std::uint8_t>>
  run(std::span<const std::uint8_t> input, bool last,
      const std::string& subject);

  Codec m_codec = Codec::none;
  ZSTD_CCtx* m_zstd = nullptr;
  z_stream* m_zlib = nullptr;
  bool m_zlib_ready = false;
  std::vector<std::uint8_t> m_out;
};

} // namespace hasher::codec
