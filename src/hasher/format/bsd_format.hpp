#pragma once

// BSD tagged lines (`sha256sum --tag`, `rhash --bsd`): `TAG (path) = hex`,
// one line per algorithm per file, no padding; escaped like GNU lines. The
// reader is lenient where other tools differ: rhash pads the tag with spaces
// (`MD5   (path) = hex`), OpenSSL writes `SHA2-256(path)= hex`, and tags are
// spelled in several ways (see find_bsd_tag).

#include <hasher/format/checksum_reader.hpp>
#include <hasher/format/writer.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hasher::format {

std::unique_ptr<RecordWriter>
make_bsd_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out);

// The parts of a BSD line; the views point into the line.
struct BsdLine {
  std::string_view tag;
  std::string_view digest;
  std::string path; // unescaped
};

// Splits `TAG (path) = digest` or its escaped form `\TAG (path) = digest`
// (line without its newline; leading blanks skipped). Blanks between TAG and
// `(` and around `=` may be any in number, none included; the path runs from
// the first `(` to the `)` before the last `=`, so it may hold `) = `. nullopt
// when the line has not that shape, the path is empty or an escape is bad.
std::optional<BsdLine> split_bsd_line(std::string_view line);

// The algorithm a BSD tag names, case-insensitive: our tags
// (digest::AlgorithmSpec::tag(), `SHAKE256-1024` for an XOF length), the
// algorithm names (`sha3_256`, with `-` for `_`), coreutils' `BLAKE2b-512`,
// rhash's and OpenSSL's spellings (`SHA-256`, `SHA2-256`, `RIPEMD-160`).
// nullopt for anything else, such as `BLAKE2b-256` (a length we do not have).
std::optional<digest::AlgorithmSpec> find_bsd_tag(std::string_view tag);

// Parses one BSD line: a known tag and a digest of that algorithm's length
// (hex; base32 too for tth). nullopt when malformed. The entry's `line` is
// left 0.
std::optional<ChecksumEntry> parse_bsd_line(std::string_view line);

} // namespace hasher::format
