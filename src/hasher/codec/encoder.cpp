#include <hasher/codec/encoder.hpp>

#include <zlib.h>
#include <zstd.h>

namespace hasher::codec {
namespace {

// zlib's window bits for a gzip (not zlib) wrapper: 15 + 16.
constexpr int k_gzip_window = 15 + 16;
constexpr int k_zlib_memory_level = 8;
constexpr std::size_t k_out_step = 64 * 1024;

util::Error failed(const std::string& subject, const std::string& what) {
  return util::Error{util::ErrorKind::io, subject, "cannot compress: " + what};
}

} // namespace

Encoder::Encoder() = default;

Encoder::~Encoder() {
  ZSTD_freeCCtx(m_zstd);
  if (m_zlib_ready) deflateEnd(m_zlib);
  delete m_zlib;
}

void Encoder::start(Codec codec, int level, std::uint64_t size) {
  m_codec = codec;
  if (codec == Codec::zstd) {
    if (m_zstd == nullptr) m_zstd = ZSTD_createCCtx();
    ZSTD_CCtx_reset(m_zstd, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(m_zstd, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(m_zstd, ZSTD_c_checksumFlag, 1);
    if (size != 0) ZSTD_CCtx_setPledgedSrcSize(m_zstd, size);
    return;
  }
  if (m_zlib_ready) {
    deflateEnd(m_zlib);
    m_zlib_ready = false;
  }
  if (m_zlib == nullptr) m_zlib = new z_stream{};
  *m_zlib = z_stream{};
  // A level cannot be changed by deflateReset: set up again per stream.
  m_zlib_ready = deflateInit2(m_zlib, level, Z_DEFLATED, k_gzip_window,
                              k_zlib_memory_level, Z_DEFAULT_STRATEGY) == Z_OK;
}

util::Result<std::span<const std::uint8_t>>
Encoder::update(std::span<const std::uint8_t> input,
                const std::string& subject) {
  return run(input, false, subject);
}

util::Result<std::span<const std::uint8_t>>
Encoder::finish(const std::string& subject) {
  return run({}, true, subject);
}

util::Result<std::span<const std::uint8_t>>
Encoder::run(std::span<const std::uint8_t> input, bool last,
             const std::string& subject) {
  std::size_t produced = 0;
  auto room = [&]() {
    if (m_out.size() - produced < k_out_step) {
      m_out.resize(produced + k_out_step);
    }
  };
  if (m_codec == Codec::zstd) {
    if (m_zstd == nullptr) return failed(subject, "out of memory");
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    for (;;) {
      room();
      ZSTD_outBuffer out{m_out.data() + produced, m_out.size() - produced, 0};
      std::size_t left = ZSTD_compressStream2(
          m_zstd, &out, &in, last ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(left)) {
        return failed(subject, ZSTD_getErrorName(left));
      }
      produced += out.pos;
      bool done = last ? left == 0 : in.pos == in.size;
      if (done) break;
    }
    return std::span<const std::uint8_t>(m_out.data(), produced);
  }
  if (!m_zlib_ready) return failed(subject, "out of memory");
  m_zlib->next_in = const_cast<Bytef*>(input.data());
  m_zlib->avail_in = static_cast<uInt>(input.size());
  for (;;) {
    room();
    m_zlib->next_out = m_out.data() + produced;
    m_zlib->avail_out = static_cast<uInt>(m_out.size() - produced);
    int status = deflate(m_zlib, last ? Z_FINISH : Z_NO_FLUSH);
    produced = m_out.size() - m_zlib->avail_out;
    if (status == Z_STREAM_ERROR) return failed(subject, "zlib stream error");
    if (last ? status == Z_STREAM_END
             : m_zlib->avail_in == 0 && m_zlib->avail_out != 0) {
      break;
    }
  }
  return std::span<const std::uint8_t>(m_out.data(), produced);
}

} // namespace hasher::codec
