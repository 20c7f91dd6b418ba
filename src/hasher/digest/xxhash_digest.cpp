// libxxhash adapter (streaming API, seed 0, canonical big-endian output as
// xxhsum prints it: https://github.com/Cyan4973/xxHash/blob/dev/doc/).
// On x86-64, XXH3 updates go through the library's *_dispatch entry points,
// which pick AVX2/AVX-512 at run time (about 3x the baseline SSE2 path).

#include <hasher/digest/xxhash_digest.hpp>

#include <xxhash.h>
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#define HASHER_XXH3_64_UPDATE XXH3_64bits_update_dispatch
#define HASHER_XXH3_128_UPDATE XXH3_128bits_update_dispatch
#else
#define HASHER_XXH3_64_UPDATE XXH3_64bits_update
#define HASHER_XXH3_128_UPDATE XXH3_128bits_update
#endif

#include <cstring>

namespace hasher::digest {
namespace {

class Xxh32Digest final : public Digest {
public:
  Xxh32Digest() : m_state(XXH32_createState()) { reset(); }
  ~Xxh32Digest() override { XXH32_freeState(m_state); }
  Xxh32Digest(const Xxh32Digest&) = delete;
  Xxh32Digest& operator=(const Xxh32Digest&) = delete;
  void update(ByteView data) override {
    XXH32_update(m_state, data.data(), data.size());
  }
  void finish(MutableByteView out) override {
    XXH32_canonical_t canonical;
    XXH32_canonicalFromHash(&canonical, XXH32_digest(m_state));
    std::memcpy(out.data(), &canonical, sizeof canonical);
  }
  void reset() override { XXH32_reset(m_state, 0); }
  [[nodiscard]] std::size_t size() const override { return 4; }

private:
  XXH32_state_t* m_state;
};

class Xxh64Digest final : public Digest {
public:
  Xxh64Digest() : m_state(XXH64_createState()) { reset(); }
  ~Xxh64Digest() override { XXH64_freeState(m_state); }
  Xxh64Digest(const Xxh64Digest&) = delete;
  Xxh64Digest& operator=(const Xxh64Digest&) = delete;
  void update(ByteView data) override {
    XXH64_update(m_state, data.data(), data.size());
  }
  void finish(MutableByteView out) override {
    XXH64_canonical_t canonical;
    XXH64_canonicalFromHash(&canonical, XXH64_digest(m_state));
    std::memcpy(out.data(), &canonical, sizeof canonical);
  }
  void reset() override { XXH64_reset(m_state, 0); }
  [[nodiscard]] std::size_t size() const override { return 8; }

private:
  XXH64_state_t* m_state;
};

class Xxh3Digest final : public Digest {
public:
  explicit Xxh3Digest(XxhashVariant variant)
      : m_state(XXH3_createState()),
        m_wide(variant == XxhashVariant::xxh3_128) {
    reset();
  }
  ~Xxh3Digest() override { XXH3_freeState(m_state); }
  Xxh3Digest(const Xxh3Digest&) = delete;
  Xxh3Digest& operator=(const Xxh3Digest&) = delete;
  void update(ByteView data) override {
    if (m_wide) {
      HASHER_XXH3_128_UPDATE(m_state, data.data(), data.size());
    } else {
      HASHER_XXH3_64_UPDATE(m_state, data.data(), data.size());
    }
  }
  void finish(MutableByteView out) override {
    if (m_wide) {
      XXH128_canonical_t canonical;
      XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(m_state));
      std::memcpy(out.data(), &canonical, sizeof canonical);
    } else {
      XXH64_canonical_t canonical;
      XXH64_canonicalFromHash(&canonical, XXH3_64bits_digest(m_state));
      std::memcpy(out.data(), &canonical, sizeof canonical);
    }
  }
  void reset() override {
    if (m_wide) {
      XXH3_128bits_reset(m_state);
    } else {
      XXH3_64bits_reset(m_state);
    }
  }
  [[nodiscard]] std::size_t size() const override { return m_wide ? 16 : 8; }

private:
  XXH3_state_t* m_state;
  bool m_wide;
};

} // namespace

DigestPtr make_xxhash_digest(XxhashVariant variant) {
  switch (variant) {
  case XxhashVariant::xxh32:
    return std::make_unique<Xxh32Digest>();
  case XxhashVariant::xxh64:
    return std::make_unique<Xxh64Digest>();
  case XxhashVariant::xxh3_64:
  case XxhashVariant::xxh3_128:
    return std::make_unique<Xxh3Digest>(variant);
  }
  return nullptr;
}

} // namespace hasher::digest
