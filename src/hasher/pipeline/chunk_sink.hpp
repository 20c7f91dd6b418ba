#pragma once

// Where the bytes of a file go besides the digests: FileHasher hands every
// chunk it reads to a ChunkSink, so a command that copies a file writes the
// very bytes that were hashed, read once (copy's destination temp file).

#include <hasher/util/result.hpp>

#include <cstdint>
#include <span>

namespace hasher::pipeline {

class ChunkSink {
public:
  virtual ~ChunkSink() = default;
  // Takes the next chunk of the file, in order, on the reading thread and
  // before its buffer is reused; `chunk` is valid only during the call.
  // Returns the bytes taken so far; an error fails the file (FileHasher stops
  // reading and returns it), never the run.
  virtual util::Result<std::uint64_t>
  consume(std::span<const std::uint8_t> chunk) = 0;
};

} // namespace hasher::pipeline
