// librhash adapter. rhash_library_init() runs once; each Digest owns one
// rhash context for exactly one algorithm, reset between files.

#include <hasher/digest/rhash_digest.hpp>

#include <rhash.h>

#include <stdexcept>

namespace hasher::digest {
namespace {

class RhashDigest final : public Digest {
public:
  explicit RhashDigest(unsigned id) : m_id(id) {
    static const bool initialised = [] {
      rhash_library_init();
      return true;
    }();
    (void)initialised;
    m_ctx = rhash_init(id);
    if (m_ctx == nullptr) throw std::runtime_error("rhash_init failed");
    m_size = static_cast<std::size_t>(rhash_get_digest_size(id));
  }
  ~RhashDigest() override { rhash_free(m_ctx); }
  RhashDigest(const RhashDigest&) = delete;
  RhashDigest& operator=(const RhashDigest&) = delete;

  void update(ByteView data) override {
    rhash_update(m_ctx, data.data(), data.size());
  }

  void finish(MutableByteView out) override {
    rhash_final(m_ctx, nullptr);
    // RHPR_RAW gives the bytes in the order rhash prints them in hex.
    rhash_print(reinterpret_cast<char*>(out.data()), m_ctx, m_id, RHPR_RAW);
  }

  void reset() override { rhash_reset(m_ctx); }

  [[nodiscard]] std::size_t size() const override { return m_size; }

private:
  unsigned m_id;
  rhash m_ctx = nullptr;
  std::size_t m_size = 0;
};

} // namespace

DigestPtr make_rhash_digest(unsigned rhash_id) {
  return std::make_unique<RhashDigest>(rhash_id);
}

} // namespace hasher::digest
