#pragma once

// A DigestSet is one worker's contexts for every requested algorithm, created
// once and reset between files; the file hasher feeds it whole or in lanes.

#include <hasher/digest/algorithm.hpp>
#include <hasher/util/encoding.hpp>

#include <vector>

namespace hasher::digest {

class DigestSet {
public:
  // Creates one context per spec. Throws what the factories throw.
  explicit DigestSet(std::span<const AlgorithmSpec> specs);

  // Feeds `data` to the contexts whose indexes are listed (a lane), or to all.
  void update(ByteView data, std::span<const std::size_t> indexes);
  void update(ByteView data);

  // Finishes every context, returns the digests in spec order, and resets.
  std::vector<util::Bytes> finish();

  // Drops whatever was fed (after a failed read).
  void reset();

  [[nodiscard]] std::size_t count() const { return m_digests.size(); }

private:
  std::vector<DigestPtr> m_digests;
};

} // namespace hasher::digest
