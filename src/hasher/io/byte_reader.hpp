#pragma once

// What the file hasher reads from: a file as it is on disk (InputFile) or
// its content decoded on the way (codec::DecodingReader).

#include <hasher/util/result.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace hasher::io {

class ByteReader {
public:
  virtual ~ByteReader() = default;
  // Fills `buffer` unless the end comes first; 0 means the end. Errors name
  // the file.
  virtual util::Result<std::size_t> read(std::span<std::uint8_t> buffer) = 0;
  // The file read, for messages.
  [[nodiscard]] virtual const std::string& path() const = 0;
  // How many bytes are expected (0 when unknown): decides whether hashing
  // is worth spreading over threads.
  [[nodiscard]] virtual std::uint64_t size_hint() const = 0;
};

} // namespace hasher::io
