// OpenSSL 3 EVP adapter. EVP_MD objects are fetched once per name and kept for
// the life of the process (fetching is slow and takes a lock); each Digest owns
// one EVP_MD_CTX that is re-initialised with EVP_DigestInit_ex2 between files.

#include <hasher/digest/openssl_digest.hpp>

#include <openssl/evp.h>
#include <openssl/provider.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

namespace hasher::digest {
namespace {

// What fetching keeps for the life of the process. It is never destroyed,
// so nothing is freed while another static still uses it.
struct Fetched {
  std::mutex mutex;
  std::map<std::string, EVP_MD*> digests;
  // md4, whirlpool and ripemd160 live in the legacy provider; loading one
  // explicitly also requires loading the default one again. Held here, in
  // memory that stays reachable: as unused statics an optimising build
  // dropped the handles, and LeakSanitizer then saw both providers leak.
  OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
  OSSL_PROVIDER* standard = OSSL_PROVIDER_load(nullptr, "default");
};

const EVP_MD* fetch(const char* name) {
  static Fetched* const fetched = new Fetched();
  std::lock_guard lock(fetched->mutex);
  auto found = fetched->digests.find(name);
  if (found != fetched->digests.end()) return found->second;
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) {
    throw std::runtime_error(std::string("OpenSSL has no digest ") + name);
  }
  fetched->digests.emplace(name, md);
  return md;
}

class OpensslDigest final : public Digest {
public:
  OpensslDigest(const EVP_MD* md, std::size_t size)
      : m_md(md), m_ctx(EVP_MD_CTX_new()), m_size(size),
        m_xof((EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0) {
    if (m_ctx == nullptr) throw std::bad_alloc();
    reset();
  }
  ~OpensslDigest() override { EVP_MD_CTX_free(m_ctx); }
  OpensslDigest(const OpensslDigest&) = delete;
  OpensslDigest& operator=(const OpensslDigest&) = delete;

  void update(ByteView data) override {
    EVP_DigestUpdate(m_ctx, data.data(), data.size());
  }

  void finish(MutableByteView out) override {
    if (m_xof) {
      EVP_DigestFinalXOF(m_ctx, out.data(), out.size());
    } else {
      unsigned int written = 0;
      EVP_DigestFinal_ex(m_ctx, out.data(), &written);
    }
  }

  void reset() override {
    if (EVP_DigestInit_ex2(m_ctx, m_md, nullptr) != 1) {
      throw std::runtime_error("EVP_DigestInit_ex2 failed");
    }
  }

  [[nodiscard]] std::size_t size() const override { return m_size; }

private:
  const EVP_MD* m_md;
  EVP_MD_CTX* m_ctx;
  std::size_t m_size;
  bool m_xof;
};

} // namespace

DigestPtr make_openssl_digest(const char* evp_name, unsigned bits) {
  const EVP_MD* md = fetch(evp_name);
  std::size_t size = bits / 8;
  if ((EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) == 0 &&
      size != static_cast<std::size_t>(EVP_MD_get_size(md))) {
    throw std::invalid_argument(std::string(evp_name) + ": wrong length");
  }
  return std::make_unique<OpensslDigest>(md, size);
}

} // namespace hasher::digest
