// Checksum adapter. Each library keeps its running value in an integer and
// takes the previous value as a seed, so one small class serves all four.
// Seed conventions differ: ISA-L's crc32_gzip_refl and crc64_ecma_refl invert
// on entry and exit themselves, crc32_iscsi does not (we invert), and Adler-32
// starts at 1 (RFC 1950 section 8).

#include <hasher/digest/checksum_digest.hpp>

#include <isa-l/crc.h>
#include <isa-l/crc64.h>
#include <libdeflate.h>

namespace hasher::digest {
namespace {

// ISA-L's AVX-512 CRC kernels return with the upper vector state dirty; the
// legacy-SSE SHA-NI code OpenSSL runs next then pays for it (measured: SHA-256
// 35% slower after a CRC-32 of the same chunk). VZEROUPPER clears it; it
// exists wherever AVX does, which is the only case ISA-L used wide registers.
void clear_upper_vector_state() {
#if defined(__x86_64__)
  static const bool has_avx = __builtin_cpu_supports("avx");
  if (has_avx) __asm__ volatile("vzeroupper" ::: "memory");
#endif
}

class ChecksumDigest final : public Digest {
public:
  explicit ChecksumDigest(ChecksumKind kind) : m_kind(kind) { reset(); }

  void update(ByteView data) override {
    const std::uint8_t* p = data.data();
    switch (m_kind) {
    case ChecksumKind::crc32:
      m_value =
          crc32_gzip_refl(static_cast<std::uint32_t>(m_value), p, data.size());
      break;
    case ChecksumKind::crc32c:
      m_value = crc32_iscsi(const_cast<std::uint8_t*>(p),
                            static_cast<int>(data.size()),
                            static_cast<unsigned>(m_value));
      break;
    case ChecksumKind::crc64:
      m_value = crc64_ecma_refl(m_value, p, data.size());
      break;
    case ChecksumKind::adler32:
      m_value = libdeflate_adler32(static_cast<std::uint32_t>(m_value), p,
                                   data.size());
      break;
    }
    clear_upper_vector_state();
  }

  void finish(MutableByteView out) override {
    std::uint64_t value = m_value;
    if (m_kind == ChecksumKind::crc32c) value = ~value & 0xffffffffu;
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<std::uint8_t>(value >> (8 * (out.size() - 1 - i)));
    }
  }

  void reset() override {
    switch (m_kind) {
    case ChecksumKind::crc32:
    case ChecksumKind::crc64:
      m_value = 0;
      break;
    case ChecksumKind::crc32c:
      m_value = 0xffffffffu;
      break;
    case ChecksumKind::adler32:
      m_value = 1;
      break;
    }
  }

  [[nodiscard]] std::size_t size() const override {
    return m_kind == ChecksumKind::crc64 ? 8 : 4;
  }

private:
  ChecksumKind m_kind;
  std::uint64_t m_value = 0;
};

} // namespace

DigestPtr make_checksum_digest(ChecksumKind kind) {
  return std::make_unique<ChecksumDigest>(kind);
}

} // namespace hasher::digest
