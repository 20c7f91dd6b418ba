#include <hasher/digest/digest_set.hpp>

namespace hasher::digest {

DigestSet::DigestSet(std::span<const AlgorithmSpec> specs) {
  m_digests.reserve(specs.size());
  for (const AlgorithmSpec& spec : specs) m_digests.push_back(spec.make());
}

void DigestSet::update(ByteView data, std::span<const std::size_t> indexes) {
  for (std::size_t index : indexes) m_digests[index]->update(data);
}

void DigestSet::update(ByteView data) {
  for (DigestPtr& digest : m_digests) digest->update(data);
}

std::vector<util::Bytes> DigestSet::finish() {
  std::vector<util::Bytes> out;
  out.reserve(m_digests.size());
  for (DigestPtr& digest : m_digests) {
    util::Bytes bytes(digest->size());
    digest->finish(bytes);
    digest->reset();
    out.push_back(std::move(bytes));
  }
  return out;
}

void DigestSet::reset() {
  for (DigestPtr& digest : m_digests) digest->reset();
}

} // namespace hasher::digest
