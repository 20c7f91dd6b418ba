#include <hasher/format/checksum_reader.hpp>

#include <hasher/format/bsd_format.hpp>
#include <hasher/format/gnu_format.hpp>
#include <hasher/format/hashdeep_format.hpp>
#include <hasher/format/json_format.hpp>
#include <hasher/format/sfv_format.hpp>

#include <cctype>
#include <charconv>
#include <utility>

namespace hasher::format {
namespace {

// Lines are read in pieces of this size and kept up to k_max_line_bytes.
constexpr std::size_t k_chunk_bytes = 64 * 1024;

// A UTF-8 byte order mark, which some Windows tools put before line 1.
constexpr std::string_view k_bom = "\xef\xbb\xbf";

std::string_view skip_blanks(std::string_view line) {
  std::size_t at = line.find_first_not_of(" \t");
  return at == std::string_view::npos ? std::string_view{} : line.substr(at);
}

bool same_spec(const digest::AlgorithmSpec& a, const digest::AlgorithmSpec& b) {
  return a.algorithm == b.algorithm && a.bits == b.bits;
}

bool is_sfv_name(std::string_view file_name) {
  if (file_name.size() < 4) return false;
  std::string_view end = file_name.substr(file_name.size() - 4);
  for (std::size_t i = 0; i < end.size(); ++i) {
    auto c = static_cast<unsigned char>(end[i]);
    if (static_cast<char>(std::tolower(c)) != ".sfv"[i]) return false;
  }
  return true;
}

digest::AlgorithmSpec default_spec(std::string_view name) {
  const digest::Algorithm* algorithm = digest::find_algorithm(name);
  return {algorithm, algorithm->bits};
}

} // namespace

ChecksumReader::ChecksumReader(std::istream& in, std::string file_name,
                               std::optional<digest::AlgorithmSpec> forced)
    : m_in(in),
      m_gnu_spec(forced ? forced : algorithm_from_file_name(file_name)),
      m_sfv_spec(forced ? *forced : default_spec("crc32")),
      m_chunk(k_chunk_bytes) {
  if (is_sfv_name(file_name)) {
    m_stage = Stage::sfv;
    m_dialect = ChecksumDialect::sfv;
  }
}

std::optional<ChecksumEntry> ChecksumReader::next() {
  std::optional<Parsed> first = std::move(m_pending);
  m_pending.reset();
  if (!first) first = next_parsed();
  if (!first) return std::nullopt;
  ChecksumEntry entry = std::move(first->entry);
  if (first->kind != ChecksumDialect::gnu &&
      first->kind != ChecksumDialect::bsd) {
    return entry;
  }
  // Our -f bsd/gnu print one line per algorithm per file: merge the lines
  // that follow one another and name the same path with other algorithms.
  std::uint64_t last = entry.line;
  while (std::optional<Parsed> more = next_parsed()) {
    bool merge = (more->kind == ChecksumDialect::gnu ||
                  more->kind == ChecksumDialect::bsd) &&
                 more->entry.line == last + 1 && more->entry.path == entry.path;
    for (const digest::AlgorithmSpec& have : entry.specs) {
      if (merge && same_spec(have, more->entry.specs.front())) merge = false;
    }
    if (!merge) {
      m_pending = std::move(more);
      break;
    }
    last = more->entry.line;
    entry.specs.push_back(more->entry.specs.front());
    entry.digests.push_back(std::move(more->entry.digests.front()));
  }
  return entry;
}

std::optional<ChecksumReader::Parsed> ChecksumReader::next_parsed() {
  Parsed parsed;
  while (read_line()) {
    ++m_line_number;
    std::string_view line = m_text;
    if (m_line_number == 1 && line.starts_with(k_bom)) {
      line.remove_prefix(k_bom.size());
    }
    // A DOS line end; a CR inside a GNU/BSD name is always escaped.
    if (line.ends_with('\r')) line.remove_suffix(1);
    LineKind kind = m_too_long ? LineKind::malformed : parse_line(line, parsed);
    // No file name holds a NUL byte.
    if (kind == LineKind::entry &&
        parsed.entry.path.find('\0') != std::string::npos) {
      kind = LineKind::malformed;
    }
    if (kind == LineKind::skipped) continue;
    if (kind == LineKind::malformed) {
      m_malformed.push_back(m_line_number);
      continue;
    }
    parsed.entry.line = m_line_number;
    if (m_stage == Stage::gnu_bsd && !m_kind_known) {
      m_dialect = parsed.kind;
      m_kind_known = true;
    }
    return parsed;
  }
  return std::nullopt;
}

ChecksumReader::LineKind ChecksumReader::parse_line(std::string_view line,
                                                    Parsed& out) {
  std::string_view text = skip_blanks(line);
  if (text.empty()) return LineKind::skipped;
  if (m_stage == Stage::undecided) {
    if (text.front() == '#') return LineKind::skipped;
    decide_stage(line);
  }
  std::optional<ChecksumEntry> entry;
  ChecksumDialect kind = m_dialect;
  switch (m_stage) {
  case Stage::undecided:
  case Stage::gnu_bsd:
    if (text.front() == '#') return LineKind::skipped;
    entry = parse_bsd_line(line);
    kind = ChecksumDialect::bsd;
    if (!entry) {
      entry = parse_gnu_line(line, m_gnu_spec);
      kind = ChecksumDialect::gnu;
    }
    break;
  case Stage::sfv:
    if (line.front() == ';') return LineKind::skipped;
    entry = parse_sfv_line(line, m_sfv_spec);
    break;
  case Stage::hashdeep:
    if (line.starts_with("##")) return LineKind::skipped;
    if (line.starts_with("%%%%")) return read_hashdeep_header(line);
    if (m_hashdeep_columns.empty()) return LineKind::malformed;
    entry = parse_hashdeep_line(line, m_hashdeep_columns);
    break;
  case Stage::jsonl:
    entry = parse_jsonl_line(line);
    break;
  }
  if (!entry) return LineKind::malformed;
  out.entry = std::move(*entry);
  out.kind = kind;
  return LineKind::entry;
}

void ChecksumReader::decide_stage(std::string_view line) {
  std::string_view text = skip_blanks(line);
  Stage stage = Stage::gnu_bsd;
  ChecksumDialect dialect = ChecksumDialect::gnu;
  if (text.starts_with("%%%%")) {
    stage = Stage::hashdeep;
    dialect = ChecksumDialect::hashdeep;
  } else if (text.starts_with('{')) {
    stage = Stage::jsonl;
    dialect = ChecksumDialect::jsonl;
  } else if (text.starts_with(';') ||
             (looks_like_sfv(line) && !split_gnu_line(line) &&
              !split_bsd_line(line))) {
    stage = Stage::sfv;
    dialect = ChecksumDialect::sfv;
  }
  m_stage = stage;
  m_dialect = dialect;
}

ChecksumReader::LineKind
ChecksumReader::read_hashdeep_header(std::string_view line) {
  // A new `%%%% HASHDEEP-1.0` starts a new file (hashdeep files concatenated).
  if (line.starts_with("%%%% HASHDEEP")) {
    m_hashdeep_columns.clear();
    return LineKind::skipped;
  }
  std::optional<std::vector<digest::AlgorithmSpec>> columns =
      parse_hashdeep_columns(line);
  if (!columns) {
    m_hashdeep_columns.clear();
    return LineKind::malformed;
  }
  m_hashdeep_columns = std::move(*columns);
  return LineKind::skipped;
}

bool ChecksumReader::read_line() {
  m_text.clear();
  m_too_long = false;
  bool started = false;
  for (;;) {
    m_in.getline(m_chunk.data(), static_cast<std::streamsize>(m_chunk.size()));
    auto count = static_cast<std::size_t>(m_in.gcount());
    if (m_in.bad()) return false;
    if (m_in.good()) {
      // The newline was taken and counted, not stored.
      keep(count - 1);
      return true;
    }
    if (m_in.eof()) {
      // The last line has no newline.
      keep(count);
      return started || count > 0;
    }
    if (count == 0) return started;
    // The chunk is full and the line goes on.
    keep(count);
    started = true;
    m_in.clear(m_in.rdstate() & ~std::ios::failbit);
  }
}

void ChecksumReader::keep(std::size_t count) {
  if (m_too_long) return;
  if (m_text.size() + count > k_max_line_bytes) {
    m_too_long = true;
    m_text.clear();
    return;
  }
  m_text.append(m_chunk.data(), count);
}

std::optional<util::Bytes> decode_digest(const digest::AlgorithmSpec& spec,
                                         std::string_view text) {
  std::size_t size = spec.size();
  if (text.size() == 2 * size) return util::from_hex(text);
  if (spec.algorithm->encoding != digest::TextEncoding::base32 ||
      text.size() != (size * 8 + 4) / 5) {
    return std::nullopt;
  }
  std::optional<util::Bytes> bytes = util::from_base32(text);
  if (!bytes || bytes->size() != size) return std::nullopt;
  return bytes;
}

} // namespace hasher::format
