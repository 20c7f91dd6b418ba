#pragma once

// Decides, per file and before it is opened, whether the catalog already has
// what this run would compute: a resumed run skips the files it committed
// before it was interrupted (no stat needed); --update skips files whose
// size, mtime and inode are unchanged and that have every requested
// algorithm (one stat). One SkipCheck per worker thread.

#include <hasher/catalog/catalog.hpp>
#include <hasher/io/input_file.hpp>

#include <memory>
#include <optional>
#include <string>

namespace hasher::pipeline {

enum class SkipReason { none, already_done, unchanged };

class SkipCheck {
public:
  virtual ~SkipCheck() = default;
  // `path` as walked, `absolute` its catalog key, `info` the stat when the
  // walker has one. Throws util::FatalError when the catalog fails.
  virtual SkipReason decide(const std::string& path,
                            const std::string& absolute,
                            const std::optional<io::FileInfo>& info) = 0;
};

enum class UpdateOnly { no, yes };

// `resumed_run` is the id of the resumed run (0 for a fresh one).
std::unique_ptr<SkipCheck>
make_catalog_skip_check(std::unique_ptr<catalog::CatalogReader> reader,
                        std::int64_t resumed_run, UpdateOnly update);

} // namespace hasher::pipeline
