#pragma once

// Reads a gzip or zstd file's content as it is decoded, in the chunks the
// file hasher asks for, never holding more than one input chunk: what
// `hash --decompress`, verify of a compressed copy and `copy --decompress`
// hash. Concatenated gzip members and zstd frames are read as one stream,
// as gzip -d and zstd -d do. Contexts are made once per Decoder and reused.

#include <hasher/codec/codec.hpp>
#include <hasher/io/byte_reader.hpp>

#include <memory>
#include <vector>

typedef struct ZSTD_DCtx_s ZSTD_DCtx;
typedef struct z_stream_s z_stream;

namespace hasher::codec {

class Decoder {
public:
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

private:
  friend class DecodingReader;
  ZSTD_DCtx* m_zstd = nullptr;
  z_stream* m_zlib = nullptr;
  bool m_zlib_ready = false;
  std::vector<std::uint8_t> m_in;
};

class DecodingReader final : public io::ByteReader {
public:
  // Decodes `source` (a `codec` stream, not none) with `decoder`'s
  // contexts; both must outlive the reader, one reader per decoder at a time.
  DecodingReader(io::ByteReader& source, Codec codec, Decoder& decoder);

  // Fails with ErrorKind::invalid ("not valid zstd data: …", "truncated gzip
  // data") naming the file, or with the source's read error.
  util::Result<std::size_t> read(std::span<std::uint8_t> buffer) override;
  [[nodiscard]] const std::string& path() const override {
    return m_source.path();
  }
  // The compressed size: content is usually bigger, never known up front.
  [[nodiscard]] std::uint64_t size_hint() const override {
    return m_source.size_hint();
  }

private:
  util::Result<std::size_t> refill();
  util::Error invalid(const std::string& reason) const;
  // One decoding step into `out`; returns the bytes it gave.
  util::Result<std::size_t> step(std::span<std::uint8_t> out);

  io::ByteReader& m_source;
  Codec m_codec;
  Decoder& m_decoder;
  std::size_t m_in_pos = 0;
  std::size_t m_in_len = 0;
  bool m_source_done = false;
  bool m_stream_done = false; // the last member/frame ended cleanly
  bool m_started = false;     // any input seen
};

} // namespace hasher::codec
