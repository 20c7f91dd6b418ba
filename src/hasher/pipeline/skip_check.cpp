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

  std::vector<SkipReason> decide(std::span<const SkipQuery> files) override {
    std::vector<std::string_view> keys;
    keys.reserve(files.size());
    for (const SkipQuery& file : files) keys.push_back(file.absolute);
    std::vector<std::optional<catalog::StoredFile>> stored =
        m_reader->lookup(keys);
    std::vector<SkipReason> reasons;
    reasons.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      reasons.push_back(stored[i] ? decide_one(files[i], *stored[i])
                                  : SkipReason::none);
    }
    return reasons;
  }

private:
  SkipReason decide_one(const SkipQuery& file,
                        const catalog::StoredFile& stored) const {
    if (m_resumed_run != 0 && stored.run_id == m_resumed_run) {
      return SkipReason::already_done;
    }
    if (m_update == UpdateOnly::no) return SkipReason::none;
    bool complete =
        std::all_of(stored.has_column.begin(), stored.has_column.end(),
                    [](bool has) { return has; });
    if (!complete) return SkipReason::none;
    io::FileInfo now;
    if (file.info != nullptr) {
      now = *file.info;
    } else {
      struct stat st {};
      if (io::stat_path(*file.path, &st, io::FollowLinks::yes) != 0) {
        return SkipReason::none;
      }
      now = io::file_info(st);
    }
    bool same = now.size == stored.size && now.mtime_ns == stored.mtime_ns &&
                now.inode == stored.inode;
    return same ? SkipReason::unchanged : SkipReason::none;
  }

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
