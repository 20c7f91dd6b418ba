#include <hasher/pipeline/skip_check.hpp>

#include <hasher/io/long_path.hpp>

#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace hasher::pipeline {
namespace {

// Stats the files of one directory relative to it: a batch from the walk
// mostly shares a parent, and a stat of one name in an open directory is
// much cheaper than resolving the whole path again for every file.
class ParentDirectory {
public:
  ParentDirectory() = default;
  ParentDirectory(const ParentDirectory&) = delete;
  ParentDirectory& operator=(const ParentDirectory&) = delete;
  ~ParentDirectory() { close(); }

  // Like io::stat_path(path, st, FollowLinks::yes).
  int stat(const std::string& path, struct stat* st) {
    std::size_t slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0) {
      return io::stat_path(path, st, io::FollowLinks::yes);
    }
    std::string_view parent(path.data(), slash);
    if (m_fd < 0 || parent != m_path) {
      close();
      m_path.assign(parent);
      m_fd = io::open_path(m_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    }
    if (m_fd < 0) return io::stat_path(path, st, io::FollowLinks::yes);
    return ::fstatat(m_fd, path.c_str() + slash + 1, st, 0);
  }

  void close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

private:
  std::string m_path;
  int m_fd = -1;
};

class CatalogSkipCheck final : public SkipCheck {
public:
  CatalogSkipCheck(std::unique_ptr<catalog::CatalogReader> reader,
                   std::int64_t resumed_run, UpdateOnly update)
      : m_reader(std::move(reader)), m_resumed_run(resumed_run),
        m_update(update) {}

  std::vector<SkipReason> decide(std::span<const SkipQuery> files) override {
    // Both kept from batch to batch (see catalog::CatalogReader::lookup).
    std::vector<std::string_view>& keys = m_keys;
    std::vector<std::optional<catalog::StoredFile>>& stored = m_stored;
    keys.clear();
    for (const SkipQuery& file : files) keys.push_back(file.absolute);
    m_reader->lookup(keys, stored);
    std::vector<SkipReason> reasons;
    reasons.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      reasons.push_back(stored[i] ? decide_one(files[i], *stored[i])
                                  : SkipReason::none);
    }
    m_parent.close();
    return reasons;
  }

private:
  SkipReason decide_one(const SkipQuery& file,
                        const catalog::StoredFile& stored) {
    if (m_resumed_run != 0 && stored.run_id == m_resumed_run) {
      return SkipReason::already_done;
    }
    if (m_update == UpdateOnly::no) return SkipReason::none;
    if (!stored.has_all_columns) return SkipReason::none;
    io::FileInfo now;
    if (file.info != nullptr) {
      now = *file.info;
    } else {
      struct stat st {};
      if (m_parent.stat(*file.path, &st) != 0) return SkipReason::none;
      now = io::file_info(st);
    }
    bool same = now.size == stored.size && now.mtime_ns == stored.mtime_ns &&
                now.inode == stored.inode;
    return same ? SkipReason::unchanged : SkipReason::none;
  }

  std::unique_ptr<catalog::CatalogReader> m_reader;
  std::vector<std::string_view> m_keys;
  std::vector<std::optional<catalog::StoredFile>> m_stored;
  ParentDirectory m_parent;
  std::int64_t m_resumed_run;
  UpdateOnly m_update;
};

} // namespace

std::unique_ptr<SkipCheck>
make_catalog_skip_check(std::unique_ptr<catalog::CatalogReader> reader,
                        std::int64_t resumed_run, UpdateOnly update) {
  return std::make_unique<CatalogSkipCheck>(std::move(reader), resumed_run,
                                            update);
}

} // namespace hasher::pipeline
