#include <hasher/format/bsd_format.hpp>

#include <hasher/format/escape.hpp>

#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace hasher::format {
namespace {

class BsdWriter final : public RecordWriter {
public:
  BsdWriter(std::span<const digest::AlgorithmSpec> specs, std::ostream& out)
      : m_specs(specs.begin(), specs.end()), m_out(out) {
    for (const digest::AlgorithmSpec& spec : m_specs) {
      m_tags.push_back(spec.tag());
    }
  }

  void write(const FileRecord& record) override {
    m_path.clear();
    bool escaped = escape_coreutils(record.path, m_path);
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
      m_line.clear();
      if (escaped) m_line += '\\';
      m_line += m_tags[i];
      m_line += " (";
      m_line += m_path;
      m_line += ") = ";
      m_line += digest::encode_digest(m_specs[i], record.digests[i]);
      m_line += '\n';
      m_out << m_line;
    }
  }

private:
  std::vector<digest::AlgorithmSpec> m_specs;
  std::vector<std::string> m_tags;
  std::ostream& m_out;
  std::string m_path;
  std::string m_line;
};

// Other tools' tags for our algorithms: coreutils' cksum (`BLAKE2b-512` for
// `-l 512`), rhash --list-hashes, OpenSSL 3 dgst.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16>
    k_tag_aliases{{{"blake2b-512", "blake2b512"},
                   {"blake2s-256", "blake2s256"},
                   {"ripemd-160", "ripemd160"},
                   {"sha-1", "sha1"},
                   {"sha-224", "sha224"},
                   {"sha-256", "sha256"},
                   {"sha-384", "sha384"},
                   {"sha-512", "sha512"},
                   {"sha2-224", "sha224"},
                   {"sha2-256", "sha256"},
                   {"sha2-384", "sha384"},
                   {"sha2-512", "sha512"},
                   {"sha2-512/224", "sha512_224"},
                   {"sha2-512/256", "sha512_256"},
                   {"sha512/224", "sha512_224"},
                   {"sha512/256", "sha512_256"}}};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

char fold(char c) {
  if (c == '_') return '-';
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Equal ignoring case, with `-` and `_` alike.
bool same_tag(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// The algorithm whose tag or name is `tag`, at its default length.
const digest::Algorithm* find_plain_tag(std::string_view tag) {
  for (const digest::Algorithm& algorithm : digest::all_algorithms()) {
    if (same_tag(tag, algorithm.bsd_tag) || same_tag(tag, algorithm.name)) {
      return &algorithm;
    }
  }
  for (const auto& [alias, name] : k_tag_aliases) {
    if (same_tag(tag, alias)) return digest::find_algorithm(name);
  }
  return nullptr;
}

} // namespace

std::unique_ptr<RecordWriter>
make_bsd_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out) {
  return std::make_unique<BsdWriter>(specs, out);
}

std::optional<BsdLine> split_bsd_line(std::string_view line) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return std::nullopt;
  bool escaped = line[at] == '\\';
  if (escaped) ++at;
  line.remove_prefix(at);
  std::size_t open = line.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view tag = line.substr(0, open);
  while (!tag.empty() && is_blank(tag.back())) tag.remove_suffix(1);
  if (tag.empty() || tag.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  // The last `=` that is not base32 padding separates path and digest.
  std::size_t end = line.find_last_not_of('=');
  if (end == std::string_view::npos || end <= open) return std::nullopt;
  std::size_t equals = line.rfind('=', end);
  if (equals == std::string_view::npos || equals <= open) return std::nullopt;
  std::string_view digest = line.substr(equals + 1);
  while (!digest.empty() && is_blank(digest.front())) digest.remove_prefix(1);
  while (!digest.empty() && is_blank(digest.back())) digest.remove_suffix(1);
  if (digest.empty() || digest.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t close = equals;
  while (close > open + 1 && is_blank(line[close - 1])) --close;
  if (close <= open + 1 || line[close - 1] != ')') return std::nullopt;
  std::string_view path = line.substr(open + 1, close - 1 - (open + 1));
  if (path.empty()) return std::nullopt;
  BsdLine out;
  out.tag = tag;
  out.digest = digest;
  if (!escaped) {
    out.path = path;
  } else if (!unescape_coreutils(path, out.path)) {
    return std::nullopt;
  }
  return out;
}

std::optional<digest::AlgorithmSpec> find_bsd_tag(std::string_view tag) {
  if (const digest::Algorithm* algorithm = find_plain_tag(tag)) {
    return digest::AlgorithmSpec{algorithm, algorithm->bits};
  }
  // An XOF with a length: `SHAKE256-1024` (ours), `shake256_1024` (column).
  std::size_t dash = tag.find_last_of("-_");
  if (dash == std::string_view::npos) return std::nullopt;
  const digest::Algorithm* base = find_plain_tag(tag.substr(0, dash));
  if (base == nullptr) return std::nullopt;
  return digest::xof_spec(*base, tag.substr(dash + 1));
}

std::optional<ChecksumEntry> parse_bsd_line(std::string_view line) {
  std::optional<BsdLine> parts = split_bsd_line(line);
  if (!parts) return std::nullopt;
  std::optional<digest::AlgorithmSpec> spec = find_bsd_tag(parts->tag);
  if (!spec) return std::nullopt;
  std::optional<util::Bytes> bytes = decode_digest(*spec, parts->digest);
  if (!bytes) return std::nullopt;
  ChecksumEntry entry;
  entry.path = std::move(parts->path);
  entry.specs.push_back(*spec);
  entry.digests.push_back(std::move(*bytes));
  return entry;
}

} // namespace hasher::format
