// Crypto++ adapter: one template wraps any CryptoPP::HashTransformation;
// TruncatedFinal with the full size writes the digest and restarts the object.

#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include <hasher/digest/cryptopp_digest.hpp>

#include <cryptopp/keccak.h>
#include <cryptopp/md2.h>
#include <cryptopp/ripemd.h>

namespace hasher::digest {
namespace {

template <typename Hash> class CryptoppDigest final : public Digest {
public:
  void update(ByteView data) override {
    m_hash.Update(data.data(), data.size());
  }
  void finish(MutableByteView out) override {
    m_hash.TruncatedFinal(out.data(), out.size());
  }
  void reset() override { m_hash.Restart(); }
  [[nodiscard]] std::size_t size() const override { return Hash::DIGESTSIZE; }

private:
  Hash m_hash;
};

} // namespace

DigestPtr make_cryptopp_digest(CryptoppAlgorithm algorithm) {
  switch (algorithm) {
  case CryptoppAlgorithm::md2:
    return std::make_unique<CryptoppDigest<CryptoPP::Weak::MD2>>();
  case CryptoppAlgorithm::keccak224:
    return std::make_unique<CryptoppDigest<CryptoPP::Keccak_224>>();
  case CryptoppAlgorithm::keccak256:
    return std::make_unique<CryptoppDigest<CryptoPP::Keccak_256>>();
  case CryptoppAlgorithm::keccak384:
    return std::make_unique<CryptoppDigest<CryptoPP::Keccak_384>>();
  case CryptoppAlgorithm::keccak512:
    return std::make_unique<CryptoppDigest<CryptoPP::Keccak_512>>();
  case CryptoppAlgorithm::ripemd128:
    return std::make_unique<CryptoppDigest<CryptoPP::RIPEMD128>>();
  case CryptoppAlgorithm::ripemd256:
    return std::make_unique<CryptoppDigest<CryptoPP::RIPEMD256>>();
  case CryptoppAlgorithm::ripemd320:
    return std::make_unique<CryptoppDigest<CryptoPP::RIPEMD320>>();
  }
  return nullptr;
}

} // namespace hasher::digest
