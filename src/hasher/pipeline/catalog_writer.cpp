#include <hasher/pipeline/catalog_writer.hpp>

#include <hasher/util/thread_name.hpp>

#include <utility>

namespace hasher::pipeline {

CatalogWriter::CatalogWriter(catalog::Catalog& catalog, std::int64_t run_id,
                             CommitPolicy policy)
    : m_catalog(catalog), m_run_id(run_id),
      m_batch_size(policy.batch_size == 0 ? 1 : policy.batch_size),
      m_interval(policy.interval), m_thread([this] {
        util::name_this_thread("hasher:catalog");
        run();
      }) {}

CatalogWriter::~CatalogWriter() {
  try {
    finish();
  } catch (...) {
    // The caller chose not to hear about it; the run is already failing.
  }
}

bool CatalogWriter::wait_for_room(std::unique_lock<std::mutex>& lock) {
  m_room.wait(lock, [this] { return m_error || queued() < 4 * m_batch_size; });
  return !m_error;
}

void CatalogWriter::add(catalog::FileRow row) {
  std::unique_lock lock(m_mutex);
  if (!wait_for_room(lock)) return;
  m_files.push_back(std::move(row));
  if (queued() == m_batch_size) m_work.notify_one();
}

void CatalogWriter::add(catalog::FailureRow failure) {
  std::unique_lock lock(m_mutex);
  if (!wait_for_room(lock)) return;
  m_failures.push_back(std::move(failure));
  if (queued() == m_batch_size) m_work.notify_one();
}

void CatalogWriter::add(catalog::VerifyRow row, std::uint64_t bytes) {
  std::unique_lock lock(m_mutex);
  if (!wait_for_room(lock)) return;
  m_verified.push_back(std::move(row));
  m_verified_bytes += bytes;
  if (queued() == m_batch_size) m_work.notify_one();
}

void CatalogWriter::finish() {
  if (!m_finished) {
    m_finished = true;
    {
      std::lock_guard lock(m_mutex);
      m_closing = true;
    }
    m_work.notify_one();
    m_thread.join();
  }
  std::lock_guard lock(m_mutex);
  if (m_error) std::rethrow_exception(m_error);
}

void CatalogWriter::run() {
  std::vector<catalog::FileRow> files;
  std::vector<catalog::FailureRow> failures;
  std::vector<catalog::VerifyRow> verified;
  std::unique_lock lock(m_mutex);
  for (;;) {
    // A full batch, the end, or the checkpoint interval: whichever first.
    m_work.wait_for(lock, m_interval,
                    [this] { return m_closing || queued() >= m_batch_size; });
    bool closing = m_closing;
    files.swap(m_files);
    failures.swap(m_failures);
    verified.swap(m_verified);
    std::uint64_t verified_bytes = std::exchange(m_verified_bytes, 0);
    lock.unlock();
    m_room.notify_all();
    try {
      // Commit in batch_size pieces so a transaction never grows unbounded;
      // failures go with the first piece.
      std::size_t at = 0;
      do {
        std::size_t end = std::min(files.size(), at + m_batch_size);
        std::vector<catalog::FileRow> piece(
            std::make_move_iterator(files.begin() + static_cast<long>(at)),
            std::make_move_iterator(files.begin() + static_cast<long>(end)));
        std::vector<catalog::FailureRow> piece_failures;
        if (at == 0) piece_failures.swap(failures);
        if (piece.empty() && piece_failures.empty()) break;
        catalog::RunTotals delta;
        delta.files = piece.size();
        for (const catalog::FileRow& row : piece) delta.bytes += row.size;
        delta.errors = piece_failures.size();
        m_catalog.write_batch(m_run_id, piece, piece_failures, delta);
        at = end;
      } while (at < files.size());
      if (!verified.empty()) {
        catalog::RunTotals delta;
        delta.files = verified.size();
        delta.bytes = verified_bytes;
        for (const catalog::VerifyRow& row : verified) {
          if (row.result != catalog::VerifyResult::ok &&
              row.result != catalog::VerifyResult::changed) {
            ++delta.errors;
          }
        }
        m_catalog.write_verifications(m_run_id, verified, delta);
      }
    } catch (...) {
      lock.lock();
      m_error = std::current_exception();
      m_files.clear();
      m_failures.clear();
      m_verified.clear();
      m_room.notify_all();
      return;
    }
    files.clear();
    failures.clear();
    verified.clear();
    lock.lock();
    if (closing && queued() == 0) return;
  }
}

} // namespace hasher::pipeline
