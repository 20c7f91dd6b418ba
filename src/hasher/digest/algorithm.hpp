#pragma once

// The algorithm registry: one row per algorithm name of SPEC "Algorithms",
// with its output size, whether it is an extendable-output function, how its
// digest is printed, which library implements it, its relative cost (used to
// spread algorithms over threads) and a factory. `hasher algorithms` prints
// this table; a new algorithm is one row here plus an adapter and vectors.

#include <hasher/digest/digest.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::digest {

enum class Xof { no, yes };
enum class TextEncoding { hex, base32 };

struct Algorithm {
  std::string_view name;    // catalog/CLI name, lower case
  std::string_view bsd_tag; // TAG of `TAG (path) = hex`
  unsigned bits;            // output bits (the default length for an XOF)
  Xof xof;
  TextEncoding encoding;
  std::string_view library; // which implementation computes it
  double cost;              // single-core nanoseconds per byte, measured
  DigestPtr (*make)(unsigned bits);
};

// One requested algorithm with its output length: `shake256:1024`.
struct AlgorithmSpec {
  const Algorithm* algorithm = nullptr;
  unsigned bits = 0;

  // The catalog column and JSON key: the name, or `shake256_1024` for an XOF
  // with a non-default length.
  [[nodiscard]] std::string column() const;
  // The name as typed on the command line: `shake256` or `shake256:1024`.
  [[nodiscard]] std::string label() const;
  // The BSD tag, with the length appended for a non-default XOF length.
  [[nodiscard]] std::string tag() const;
  [[nodiscard]] DigestPtr make() const { return algorithm->make(bits); }
  [[nodiscard]] std::size_t size() const { return bits / 8; }
};

// Every algorithm, in the order of SPEC "Algorithms".
std::span<const Algorithm> all_algorithms();

// The row for `name` (lower case, exact), or nullptr.
const Algorithm* find_algorithm(std::string_view name);

// Parses a comma list such as `crc32,md5,shake256:1024` or `all`. Duplicates
// are dropped, the order is kept (`all` = registry order). Throws
// util::UsageError naming the bad item (unknown name, length on a non-XOF, a
// length that is zero or not a multiple of 8).
std::vector<AlgorithmSpec> parse_algorithm_list(std::string_view list);

// `algorithm` with the output length `digits` (decimal bits) when it is an
// XOF and the length is a multiple of 8 from 8 to 65536, else nullopt.
std::optional<AlgorithmSpec> xof_spec(const Algorithm& algorithm,
                                      std::string_view digits);

// The spec whose column() is `column` (`sha256`, `shake256_1024`), or
// nullopt for a name that is no algorithm column.
std::optional<AlgorithmSpec> spec_for_column(std::string_view column);

// The digest as text: hex, or base32 for tth.
std::string encode_digest(const AlgorithmSpec& spec,
                          std::span<const std::uint8_t> digest);

} // namespace hasher::digest
