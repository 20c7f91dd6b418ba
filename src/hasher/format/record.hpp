#pragma once

// One hashed file as the output formats and the catalog see it.

#include <hasher/digest/algorithm.hpp>
#include <hasher/util/encoding.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hasher::format {

struct FileRecord {
  std::string path; // as shown to the user (bytes, maybe not UTF-8)
  std::uint64_t size = 0;
  std::optional<std::int64_t> mtime_ns; // none for standard input
  std::vector<util::Bytes> digests;     // parallel to the writer's specs
};

} // namespace hasher::format
