#include <hasher/pipeline/catalog_writer.hpp>

namespace hasher::pipeline {

CatalogWriter::CatalogWriter(catalog::Catalog& catalog, std::int64_t run_id,
                             std::size_t batch_size,
                             std::chrono::milliseconds checkpoint_interval)
    : m_catalog(catalog), m_run_id(run_id),
      m_batch_size(batch_size == 0 ? 1 : batch_size),
      m_interval(checkpoint_interval), m_queue(2 * m_batch_size + 16),
      m_thread([this] { run(); }) {}

CatalogWriter::~CatalogWriter() {
  try {
    finish();
  } catch (...) {
    // The caller chose not to hear about it; the run is already failing.
  }
}

void CatalogWriter::add(catalog::FileRow row) {
  if (!failed()) m_queue.push(Item(std::move(row)));
}

void CatalogWriter::add(catalog::FailureRow failure) {
  if (!failed()) m_queue.push(Item(std::move(failure)));
}

bool CatalogWriter::failed() const {
  std::lock_guard lock(m_error_mutex);
  return m_error != nullptr;
}

void CatalogWriter::finish() {
  if (!m_finished) {
    m_finished = true;
    m_queue.close();
    m_thread.join();
  }
  std::lock_guard lock(m_error_mutex);
  if (m_error) std::rethrow_exception(m_error);
}

void CatalogWriter::commit() {
  if (m_files.empty() && m_failures.empty()) return;
  m_catalog.write_batch(m_run_id, m_files, m_failures, m_pending);
  m_files.clear();
  m_failures.clear();
  m_pending = {};
}

void CatalogWriter::run() {
  using clock = std::chrono::steady_clock;
  auto last_commit = clock::now();
  try {
    for (;;) {
      bool timed_out = false;
      std::optional<Item> item =
          m_queue.pop_until(last_commit + m_interval, timed_out);
      if (timed_out) {
        // Nothing arrived for a whole interval (a big file is being read):
        // commit what is done so an interruption cannot lose it.
        commit();
        last_commit = clock::now();
        continue;
      }
      if (!item) break;
      if (auto* row = std::get_if<catalog::FileRow>(&*item)) {
        ++m_pending.files;
        m_pending.bytes += row->size;
        m_files.push_back(std::move(*row));
      } else {
        ++m_pending.errors;
        m_failures.push_back(std::get<catalog::FailureRow>(std::move(*item)));
      }
      if (m_files.size() + m_failures.size() >= m_batch_size ||
          clock::now() - last_commit >= m_interval) {
        commit();
        last_commit = clock::now();
      }
    }
    commit();
  } catch (...) {
    {
      std::lock_guard lock(m_error_mutex);
      m_error = std::current_exception();
    }
    // Unblock producers: drain and drop what is left.
    m_queue.close();
    while (m_queue.pop()) {
    }
  }
}

} // namespace hasher::pipeline
