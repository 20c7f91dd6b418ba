#pragma once

// Reading checksum files for `hasher verify -c`: GNU (`sha256sum`, `b3sum`),
// BSD tags (`sha256sum --tag`, `rhash --bsd`, `cksum`), SFV, hashdeep CSV and
// our jsonl. The dialect is decided once per file from its name (`.sfv`) or
// its first line that is neither blank nor a `#` comment: `%%%%` hashdeep,
// `{` jsonl, `;` or `path XXXXXXXX` SFV, else GNU/BSD; GNU and BSD lines may
// be mixed, as coreutils allows, so those two are told apart line by line.
// Each format's line parser sits beside its writer (gnu_format.hpp ...); this
// file holds the entry type, the detection and the streaming.
//
// Lines are read one at a time and at most k_max_line_bytes of a line are
// kept, so memory stays bounded whatever the input (a binary file given by
// mistake included); the price is that a longer line is malformed. A CR
// before the newline is taken for a DOS line end and dropped: GNU, BSD and
// jsonl escape a CR in a name, so only an SFV or hashdeep name ending in CR
// (which those formats cannot carry anyway) is lost.

#include <hasher/digest/algorithm.hpp>
#include <hasher/util/encoding.hpp>

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hasher::format {

// One checksum line that names a file and what it should hash to. Consecutive
// GNU/BSD lines for the same path with different algorithms (our `-f bsd`
// with several algorithms) come back as one entry.
struct ChecksumEntry {
  std::string path; // unescaped, as written (relative paths stay relative)
  std::vector<digest::AlgorithmSpec> specs; // parallel to digests
  std::vector<util::Bytes> digests;         // raw bytes (hex/base32 decoded)
  std::optional<std::uint64_t> size;        // hashdeep and jsonl carry it
  std::uint64_t line = 0;                   // 1-based line number in the file
};

enum class ChecksumDialect { gnu, bsd, sfv, hashdeep, jsonl };

// The longest line kept; a longer one is consumed and counted as malformed.
inline constexpr std::size_t k_max_line_bytes = std::size_t{1} << 20;

// Streams the entries of one checksum file. Not thread-safe; one reader per
// file.
class ChecksumReader {
public:
  // Reads `in` (not owned, must outlive the reader, exceptions off) line by
  // line from where it stands. `file_name` is the checksum file's name as
  // given: it names the algorithm of GNU lines (`*.sha256`, `SHA256SUMS`,
  // `B3SUMS`: see algorithm_from_file_name) and makes a `*.sfv` file SFV; it
  // is used for nothing else. `forced` is -a when given (one algorithm); it
  // wins over the name for GNU lines and replaces crc32 for SFV lines. BSD,
  // hashdeep and jsonl lines name their own algorithms and come back as
  // written whatever `forced` is.
  ChecksumReader(std::istream& in, std::string file_name,
                 std::optional<digest::AlgorithmSpec> forced);

  // The next entry, or nullopt at the end of the input or when reading fails
  // (the caller tells them apart by `in.bad()`). Malformed lines are skipped
  // and counted; never throws for bad content (only std::bad_alloc).
  std::optional<ChecksumEntry> next();

  // Line numbers of the malformed lines seen so far, ascending (for
  // "FILE:LINE: improperly formatted checksum line").
  const std::vector<std::uint64_t>& malformed_lines() const;

  // What the file turned out to be: gnu until known; for a GNU/BSD file, the
  // kind of its first well-formed line.
  ChecksumDialect dialect() const;

private:
  enum class Stage { undecided, gnu_bsd, sfv, hashdeep, jsonl };
  enum class LineKind { entry, skipped, malformed };

  // One parsed line, before GNU/BSD lines are merged.
  struct Parsed {
    ChecksumEntry entry;
    ChecksumDialect kind = ChecksumDialect::gnu;
  };

  bool read_line();
  void keep(std::size_t count);
  std::optional<Parsed> next_parsed();
  LineKind parse_line(std::string_view line, Parsed& out);
  void decide_stage(std::string_view line);
  LineKind read_hashdeep_header(std::string_view line);

  std::istream& m_in;
  std::optional<digest::AlgorithmSpec> m_gnu_spec; // forced, else from name
  digest::AlgorithmSpec m_sfv_spec;                // forced, else crc32
  Stage m_stage = Stage::undecided;
  ChecksumDialect m_dialect = ChecksumDialect::gnu;
  bool m_kind_known = false; // m_dialect is final for a GNU/BSD file
  std::vector<digest::AlgorithmSpec> m_hashdeep_columns;
  std::optional<Parsed> m_pending; // read ahead while merging
  std::vector<char> m_chunk;
  std::string m_text; // the current line
  bool m_too_long = false;
  std::uint64_t m_line_number = 0;
  std::vector<std::uint64_t> m_malformed;
};

// Helpers shared by the per-format line parsers.

// Decodes `text` as a digest of `spec`: hex of exactly spec.size() bytes
// (either case), or base32 (RFC 4648, either case) for an algorithm printed in
// base32 (tth). nullopt for any other length or a bad digit.
std::optional<util::Bytes> decode_digest(const digest::AlgorithmSpec& spec,
                                         std::string_view text);

inline const std::vector<std::uint64_t>&
ChecksumReader::malformed_lines() const {
  return m_malformed;
}

inline ChecksumDialect ChecksumReader::dialect() const { return m_dialect; }

} // namespace hasher::format
