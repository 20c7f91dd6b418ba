// BLAKE3 adapter over the official C implementation (built by
// cmake/Blake3.cmake from Debian's librust-blake3-dev sources), which picks
// SSE4.1/AVX2/AVX-512 at run time. Single-threaded per file.

#include <hasher/digest/blake3_digest.hpp>

#include <blake3.h>

namespace hasher::digest {
namespace {

class Blake3Digest final : public Digest {
public:
  explicit Blake3Digest(std::size_t size) : m_size(size) {
    blake3_hasher_init(&m_hasher);
  }
  void update(ByteView data) override {
    blake3_hasher_update(&m_hasher, data.data(), data.size());
  }
  void finish(MutableByteView out) override {
    blake3_hasher_finalize(&m_hasher, out.data(), out.size());
  }
  void reset() override { blake3_hasher_reset(&m_hasher); }
  [[nodiscard]] std::size_t size() const override { return m_size; }

private:
  blake3_hasher m_hasher;
  std::size_t m_size;
};

} // namespace

DigestPtr make_blake3_digest(unsigned bits) {
  return std::make_unique<Blake3Digest>(bits / 8);
}

} // namespace hasher::digest
