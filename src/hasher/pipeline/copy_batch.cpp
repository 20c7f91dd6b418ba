#include <hasher/pipeline/copy_batch.hpp>

namespace hasher::pipeline {
namespace {

constexpr std::uint64_t k_batch_bytes = 64u << 20;
constexpr std::size_t k_batch_files = 256;

} // namespace

CopyBatch::CopyBatch(FileCopier& copier, VerifyCopy verify, Done done)
    : m_copier(copier), m_verify(verify), m_done(std::move(done)) {}

CopyBatch::~CopyBatch() = default;

void CopyBatch::add(PendingCopy copy) {
  m_bytes += copy.written;
  m_pending.push_back(std::move(copy));
  if (m_bytes >= k_batch_bytes || m_pending.size() >= k_batch_files) {
    flush();
  }
}

void CopyBatch::flush() {
  if (m_pending.empty()) return;
  // One sync for the data of the whole batch, before any copy is named.
  util::Result<std::uint64_t> synced =
      m_pending.front().temp.sync_file_system();
  std::vector<util::Result<io::FileInfo>> results;
  results.reserve(m_pending.size());
  for (PendingCopy& copy : m_pending) {
    if (!synced) {
      results.emplace_back(synced.error());
      continue;
    }
    if (m_verify == VerifyCopy::yes) {
      util::Result<std::uint64_t> same = m_copier.verify(copy, nullptr);
      if (!same) {
        results.emplace_back(same.error());
        continue;
      }
    }
    io::CommitOptions options = copy.commit;
    options.flush = io::Flush::already_synced;
    results.push_back(copy.temp.commit(options));
  }
  // One more for the renames, so that whatever is reported done is durable.
  if (synced) {
    util::Result<std::uint64_t> renamed =
        m_pending.front().temp.sync_file_system();
    if (!renamed) {
      for (util::Result<io::FileInfo>& result : results) {
        if (result) result = renamed.error();
      }
    }
  }
  for (std::size_t i = 0; i < m_pending.size(); ++i) {
    m_done(m_pending[i], results[i]);
  }
  m_pending.clear();
  m_bytes = 0;
}

} // namespace hasher::pipeline
