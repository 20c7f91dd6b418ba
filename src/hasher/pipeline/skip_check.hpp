#pragma once

// Decides, per file and before it is opened, whether the catalog already has
// what this run would compute: a resumed run skips the files it committed
// before it was interrupted (no stat needed); --update skips files whose
// size, mtime and inode are unchanged and that have every requested
// algorithm (one stat). Files are decided a batch at a time, so the catalog
// is asked once per batch. One SkipCheck per worker thread.

#include <hasher/catalog/catalog.hpp>
#include <hasher/io/input_file.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::pipeline {

enum class SkipReason { none, already_done, unchanged };

// One file to decide on.
struct SkipQuery {
  const std::string* path = nullptr;  // as walked
  std::string_view absolute;          // its catalog key
  const io::FileInfo* info = nullptr; // the walker's stat, if it made one
};

class SkipCheck {
public:
  virtual ~SkipCheck() = default;
  // One reason per file, in order. Throws util::FatalError when the catalog
  // fails.
  virtual std::vector<SkipReason> decide(std::span<const SkipQuery> files) = 0;
};

enum class UpdateOnly { no, yes };

// `resumed_run` is the id of the resumed run (0 for a fresh one).
std::unique_ptr<SkipCheck>
make_catalog_skip_check(std::unique_ptr<catalog::CatalogReader> reader,
                        std::int64_t resumed_run, UpdateOnly update);

} // namespace hasher::pipeline
