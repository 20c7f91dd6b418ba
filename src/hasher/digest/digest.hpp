#pragma once

// The one interface every algorithm adapter implements. An adapter wraps one
// library context (OpenSSL EVP, librhash, Crypto++, ...) or one hand-written
// implementation under native/. Contexts are created once per worker and reused
// across files through reset(), so small files pay no set-up cost.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace hasher::digest {

using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

// A running digest computation. Not thread-safe: one thread feeds one object.
class Digest {
public:
  virtual ~Digest() = default;

  // Feeds `data`; may be called any number of times with pieces of any size,
  // including zero.
  virtual void update(ByteView data) = 0;

  // Writes the digest of everything fed since the last reset into `out`, whose
  // size must be size(). After finish() only reset() may be called.
  virtual void finish(MutableByteView out) = 0;

  // Returns to the initial state, ready for the next message.
  virtual void reset() = 0;

  // Output length in bytes.
  [[nodiscard]] virtual std::size_t size() const = 0;
};

using DigestPtr = std::unique_ptr<Digest>;

} // namespace hasher::digest
