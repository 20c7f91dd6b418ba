#pragma once

// Helpers for digest unit tests: one-shot hex digest, and the same message fed
// in pieces of 1, 63, 64, 65, 4095 and 1 MiB+1 bytes.

#include <hasher/digest/digest.hpp>

#include "vectors.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace hasher::test {

inline std::string digest_hex(digest::Digest& d, digest::ByteView data,
                              std::size_t piece = 0) {
  d.reset();
  if (piece == 0) {
    d.update(data);
  } else {
    for (std::size_t at = 0; at < data.size(); at += piece) {
      d.update(data.subspan(at, std::min(piece, data.size() - at)));
    }
  }
  std::vector<std::uint8_t> out(d.size());
  d.finish(out);
  return to_hex(out.data(), out.size());
}

inline const std::vector<std::size_t>& piece_sizes() {
  static const std::vector<std::size_t> sizes{1,  63,   64,
                                              65, 4095, (1u << 20) + 1};
  return sizes;
}

// A deterministic pseudo-random message of `size` bytes (xorshift).
inline std::vector<std::uint8_t> sample_message(std::size_t size) {
  std::vector<std::uint8_t> out(size);
  std::uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (auto& b : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  return out;
}

// Checks that every piece size gives the one-shot digest on a 3 MiB message
// (and a few shorter ones). Returns an empty string on success, else what
// differed.
inline std::string check_piecewise(digest::Digest& d) {
  for (std::size_t size : {0u, 1u, 100u, 1000u, (3u << 20) + 7}) {
    auto msg = sample_message(size);
    std::string whole = digest_hex(d, msg);
    for (std::size_t piece : piece_sizes()) {
      if (size > 100000 && piece == 1)
        continue; // one-byte feeding of 3 MiB is slow
      std::string parts = digest_hex(d, msg, piece);
      if (parts != whole) {
        return "size " + std::to_string(size) + " piece " +
               std::to_string(piece) + ": " + parts + " != " + whole;
      }
    }
  }
  return {};
}

} // namespace hasher::test
