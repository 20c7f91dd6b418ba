#include <hasher/pipeline/skip_check.hpp>

#include <hasher/io/long_path.hpp>

#include <algorithm>
#include <sys/stat.h>

namespace hasher::pipeline {
namespace {

class CatalogSkipCheck final : public SkipCheck {
public:
  CatalogSkipCheck(std::unique_ptr<catalog::CatalogReader> reader,
                   std::int64_t resumed_run, UpdateOnly update)
      : m_reader(std::move(reader)), m_resumed_run(resumed_run),
        m_update(update) {}

  SkipReason decide(const std::string& path, const std::string& absolute,
                    const std::optional<io::FileInfo>& info) override {
    std::optional<catalog::StoredFile> stored = m_reader->lookup(absolute);
    if (!stored) return SkipReason::none;
    if (m_resumed_run != 0 && stored->run_id == m_resumed_run) {
      return SkipReason::already_done;
    }
    if (m_update == UpdateOnly::no) return SkipReason::none;
    bool complete =
        std::all_of(stored->has_column.begin(), stored->has_column.end(),
                    [](bool has) { return has; });
    if (!complete) return SkipReason::none;
    io::FileInfo now;
    if (info) {
      now = *info;
    } else {
      struct stat st {};
      if (io::stat_path(path, &st, io::FollowLinks::yes) != 0) {
        return SkipReason::none;
      }
      now = io::file_info(st);
    }
    bool same = now.size == stored->size && now.mtime_ns == stored->mtime_ns &&
                now.inode == stored->inode;
    return same ? SkipReason::unchanged : SkipReason::none;
  }

private:
  std::unique_ptr<catalog::CatalogReader> m_reader;
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
