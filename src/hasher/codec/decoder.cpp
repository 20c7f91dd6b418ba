#include <hasher/codec/decoder.hpp>

#include <zlib.h>
#include <zstd.h>

namespace hasher::codec {
namespace {

constexpr std::size_t k_input_chunk = 64 * 1024;
constexpr int k_gzip_window = 15 + 16;

} // namespace

Decoder::Decoder() : m_in(k_input_chunk) {}

Decoder::~Decoder() {
  ZSTD_freeDCtx(m_zstd);
  if (m_zlib_ready) inflateEnd(m_zlib);
  delete m_zlib;
}

DecodingReader::DecodingReader(io::ByteReader& source, Codec codec,
                               Decoder& decoder)
    : m_source(source), m_codec(codec), m_decoder(decoder) {
  if (codec == Codec::zstd) {
    if (decoder.m_zstd == nullptr) decoder.m_zstd = ZSTD_createDCtx();
    if (decoder.m_zstd != nullptr) {
      ZSTD_DCtx_reset(decoder.m_zstd, ZSTD_reset_session_only);
    }
    return;
  }
  if (decoder.m_zlib == nullptr) decoder.m_zlib = new z_stream{};
  if (!decoder.m_zlib_ready) {
    decoder.m_zlib_ready = inflateInit2(decoder.m_zlib, k_gzip_window) == Z_OK;
  } else {
    inflateReset(decoder.m_zlib);
  }
}

util::Error DecodingReader::invalid(const std::string& reason) const {
  return util::Error{util::ErrorKind::invalid, m_source.path(), reason};
}

util::Result<std::size_t> DecodingReader::refill() {
  util::Result<std::size_t> got = m_source.read(m_decoder.m_in);
  if (!got) return got;
  m_in_pos = 0;
  m_in_len = *got;
  if (*got == 0) m_source_done = true;
  if (*got > 0) m_started = true;
  return got;
}

util::Result<std::size_t> DecodingReader::read(std::span<std::uint8_t> buffer) {
  std::size_t produced = 0;
  while (produced < buffer.size()) {
    if (m_in_pos == m_in_len && !m_source_done) {
      util::Result<std::size_t> got = refill();
      if (!got) return got.error();
    }
    if (m_in_pos == m_in_len && m_source_done) {
      if (!m_stream_done) {
        return invalid(std::string(m_started ? "truncated " : "empty, no ") +
                       std::string(codec_name(m_codec)) + " data");
      }
      break;
    }
    util::Result<std::size_t> gave = step(buffer.subspan(produced));
    if (!gave) return gave;
    produced += *gave;
  }
  return produced;
}

util::Result<std::size_t> DecodingReader::step(std::span<std::uint8_t> out) {
  std::uint8_t* in = m_decoder.m_in.data();
  if (m_codec == Codec::zstd) {
    if (m_decoder.m_zstd == nullptr) return invalid("out of memory");
    ZSTD_inBuffer input{in, m_in_len, m_in_pos};
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    std::size_t left = ZSTD_decompressStream(m_decoder.m_zstd, &output, &input);
    if (ZSTD_isError(left)) {
      return invalid(std::string("not valid zstd data: ") +
                     ZSTD_getErrorName(left));
    }
    m_in_pos = input.pos;
    // 0: a frame ended and nothing is held back; more frames may follow.
    m_stream_done = left == 0;
    return output.pos;
  }
  z_stream* zlib = m_decoder.m_zlib;
  if (!m_decoder.m_zlib_ready) return invalid("out of memory");
  if (m_stream_done) {
    // Another gzip member follows the one that ended.
    inflateReset(zlib);
    m_stream_done = false;
  }
  zlib->next_in = in + m_in_pos;
  zlib->avail_in = static_cast<uInt>(m_in_len - m_in_pos);
  zlib->next_out = out.data();
  zlib->avail_out = static_cast<uInt>(out.size());
  int status = inflate(zlib, Z_NO_FLUSH);
  m_in_pos = m_in_len - zlib->avail_in;
  std::size_t gave = out.size() - zlib->avail_out;
  if (status == Z_STREAM_END) {
    m_stream_done = true;
  } else if (status != Z_OK && status != Z_BUF_ERROR) {
    return invalid(std::string("not valid gzip data: ") +
                   (zlib->msg != nullptr ? zlib->msg : "corrupt stream"));
  }
  return gave;
}

} // namespace hasher::codec
