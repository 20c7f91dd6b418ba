// libgcrypt adapter. The library is initialised once (version check, no secure
// memory: we hash public data); each Digest owns one gcry_md_hd_t.

#include <hasher/digest/gcrypt_digest.hpp>

#include <gcrypt.h>

#include <cstring>
#include <stdexcept>

namespace hasher::digest {
namespace {

void initialise_gcrypt() {
  static const bool initialised = [] {
    gcry_check_version(nullptr);
    gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
    gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    return true;
  }();
  (void)initialised;
}

class GcryptDigest final : public Digest {
public:
  explicit GcryptDigest(int algo) : m_algo(algo) {
    initialise_gcrypt();
    if (gcry_md_open(&m_handle, algo, 0) != 0) {
      throw std::runtime_error("libgcrypt cannot open the digest");
    }
    m_size = gcry_md_get_algo_dlen(algo);
  }
  ~GcryptDigest() override { gcry_md_close(m_handle); }
  GcryptDigest(const GcryptDigest&) = delete;
  GcryptDigest& operator=(const GcryptDigest&) = delete;

  void update(ByteView data) override {
    gcry_md_write(m_handle, data.data(), data.size());
  }
  void finish(MutableByteView out) override {
    std::memcpy(out.data(), gcry_md_read(m_handle, m_algo), m_size);
  }
  void reset() override { gcry_md_reset(m_handle); }
  [[nodiscard]] std::size_t size() const override { return m_size; }

private:
  int m_algo;
  gcry_md_hd_t m_handle = nullptr;
  std::size_t m_size = 0;
};

} // namespace

DigestPtr make_gcrypt_digest(int gcry_md_algo) {
  return std::make_unique<GcryptDigest>(gcry_md_algo);
}

} // namespace hasher::digest
