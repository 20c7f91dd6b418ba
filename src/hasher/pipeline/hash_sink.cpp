#include <hasher/pipeline/hash_sink.hpp>

#include <hasher/codec/codec.hpp>
#include <hasher/io/path.hpp>

namespace hasher::pipeline {

HashSink::HashSink(format::RecordWriter* writer, CatalogWriter* catalog,
                   ui::Reporter& reporter, ui::ProgressCounters& progress,
                   std::string cwd)
    : m_writer(writer), m_catalog(catalog), m_reporter(reporter),
      m_progress(progress), m_cwd(std::move(cwd)) {}

void HashSink::on_result(FileResult& result) {
  if (result.skipped != SkipReason::none) {
    std::lock_guard lock(m_mutex);
    if (result.skipped == SkipReason::already_done) {
      ++m_counts.already_done;
    } else {
      ++m_counts.unchanged;
    }
    m_progress.files_done.fetch_add(1);
    m_progress.bytes_done.fetch_add(result.info.size);
    return;
  }
  if (result.error) {
    switch (result.error->kind) {
    case util::ErrorKind::interrupted:
      return; // not done, not failed: a resumed run reads it
    case util::ErrorKind::special:
      on_skip(result.path, result.error->reason);
      return;
    default:
      fail(result.path,
           result.absolute_path.empty() ? result.path : result.absolute_path,
           result.error->reason);
      return;
    }
  }
  // Content read through a codec is named as the decoded file would be
  // (`a.txt` for `a.txt.gz`), as copy names a compressed copy's content.
  const codec::Codec decoded = result.decoded;
  if (m_writer != nullptr) {
    if (decoded == codec::Codec::none) {
      m_record.path = result.path;
    } else {
      m_record.path = codec::strip_extension(result.path, decoded);
    }
    m_record.size = result.bytes;
    m_record.mtime_ns.reset();
    if (result.kind == walk::EntryKind::file) {
      m_record.mtime_ns = result.info.mtime_ns;
    }
    // Lend the digests to the record instead of copying them.
    m_record.digests.swap(result.digests);
    m_writer->write(m_record);
    m_record.digests.swap(result.digests);
  }
  if (m_catalog != nullptr && result.kind == walk::EntryKind::file) {
    catalog::FileRow row;
    if (decoded == codec::Codec::none) {
      row.path = std::move(result.absolute_path);
    } else {
      row.path = codec::strip_extension(result.absolute_path, decoded);
      row.content_codec = std::string(codec::codec_name(decoded));
    }
    row.size = result.bytes;
    row.mtime_ns = result.info.mtime_ns;
    row.inode = result.info.inode;
    row.device = result.info.device;
    row.digests = std::move(result.digests);
    m_catalog->add(std::move(row));
  }
  std::lock_guard lock(m_mutex);
  ++m_counts.run.files;
  m_counts.run.bytes += result.bytes;
  m_progress.files_done.fetch_add(1);
  m_progress.bytes_done.fetch_add(result.bytes);
}

void HashSink::on_skip(const std::string& path, const std::string& reason) {
  if (reason != "filtered") {
    m_reporter.verbose("hasher: skipped: " + path + ": " + reason);
  }
  std::lock_guard lock(m_mutex);
  ++m_counts.run.skipped;
}

void HashSink::on_walk_warning(const std::string& path,
                               const std::string& reason) {
  m_reporter.warning(path, reason);
}

void HashSink::on_walk_error(const util::Error& error) {
  fail(error.subject, io::absolute_path(error.subject, m_cwd), error.reason);
}

void HashSink::fail(const std::string& path, const std::string& catalog_path,
                    const std::string& reason) {
  m_reporter.error(path, reason);
  if (m_catalog != nullptr) {
    m_catalog->add(catalog::FailureRow{catalog_path, reason});
  }
  std::lock_guard lock(m_mutex);
  ++m_counts.run.failed;
  m_progress.errors.fetch_add(1);
  m_failed.push_back(path);
}

HashCounts HashSink::counts() const {
  std::lock_guard lock(m_mutex);
  return m_counts;
}

std::vector<std::string> HashSink::failed_paths() const {
  std::lock_guard lock(m_mutex);
  return m_failed;
}

} // namespace hasher::pipeline
