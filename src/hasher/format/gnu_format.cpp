#include <hasher/format/gnu_format.hpp>

#include <hasher/format/escape.hpp>

#include <array>
#include <cctype>
#include <filesystem>
#include <utility>
#include <vector>

namespace hasher::format {
namespace {

class GnuWriter final : public RecordWriter {
public:
  GnuWriter(std::span<const digest::AlgorithmSpec> specs, std::ostream& out)
      : m_specs(specs.begin(), specs.end()), m_out(out) {}

  void write(const FileRecord& record) override {
    m_path.clear();
    bool escaped = escape_coreutils(record.path, m_path);
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
      m_line.clear();
      if (escaped) m_line += '\\';
      m_line += digest::encode_digest(m_specs[i], record.digests[i]);
      m_line += "  ";
      m_line += m_path;
      m_line += '\n';
      m_out << m_line;
    }
  }

private:
  std::vector<digest::AlgorithmSpec> m_specs;
  std::ostream& m_out;
  std::string m_path;
  std::string m_line;
};

// SPEC: a GNU line of an unnamed algorithm is told by its hex length.
constexpr std::array<std::pair<std::size_t, std::string_view>, 4> k_lengths{
    {{32, "md5"}, {40, "sha1"}, {64, "sha256"}, {128, "sha512"}}};

// Short names of checksum files that are not algorithm names.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4>
    k_file_aliases{{{"b3", "blake3"},
                    {"b2", "blake2b512"},
                    {"blake2b", "blake2b512"},
                    {"blake2s", "blake2s256"}}};

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The algorithm one name part stands for: `sha256`, `sha256sum`, `b3sums`.
std::optional<digest::AlgorithmSpec> algorithm_from_token(std::string_view t) {
  for (std::string_view suffix : {"sums", "sum"}) {
    if (t.size() > suffix.size() && t.ends_with(suffix)) {
      t.remove_suffix(suffix.size());
      break;
    }
  }
  if (t == "sfv") t = "crc32";
  for (const auto& [alias, name] : k_file_aliases) {
    if (t == alias) t = name;
  }
  const digest::Algorithm* algorithm = digest::find_algorithm(t);
  if (algorithm == nullptr) return std::nullopt;
  return digest::AlgorithmSpec{algorithm, algorithm->bits};
}

} // namespace

std::unique_ptr<RecordWriter>
make_gnu_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out) {
  return std::make_unique<GnuWriter>(specs, out);
}

std::optional<GnuLine> split_gnu_line(std::string_view line) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return std::nullopt;
  bool escaped = line[at] == '\\';
  if (escaped) ++at;
  std::size_t start = at;
  while (at < line.size() && is_alnum(line[at])) ++at;
  // coreutils: the digest, one space, then a space or the binary marker.
  if (at == start || at + 2 > line.size() || line[at] != ' ' ||
      (line[at + 1] != ' ' && line[at + 1] != '*')) {
    return std::nullopt;
  }
  GnuLine out;
  out.digest = line.substr(start, at - start);
  std::string_view path = line.substr(at + 2);
  if (path.empty()) return std::nullopt;
  if (!escaped) {
    out.path = path;
  } else if (!unescape_coreutils(path, out.path)) {
    return std::nullopt;
  }
  return out;
}

std::optional<ChecksumEntry>
parse_gnu_line(std::string_view line,
               const std::optional<digest::AlgorithmSpec>& spec) {
  std::optional<GnuLine> parts = split_gnu_line(line);
  if (!parts) return std::nullopt;
  std::optional<digest::AlgorithmSpec> chosen = spec;
  if (!chosen) {
    for (const auto& [length, name] : k_lengths) {
      if (parts->digest.size() != length) continue;
      const digest::Algorithm* algorithm = digest::find_algorithm(name);
      chosen = digest::AlgorithmSpec{algorithm, algorithm->bits};
    }
    if (!chosen) return std::nullopt;
  }
  std::optional<util::Bytes> bytes = decode_digest(*chosen, parts->digest);
  if (!bytes) return std::nullopt;
  ChecksumEntry entry;
  entry.path = std::move(parts->path);
  entry.specs.push_back(*chosen);
  entry.digests.push_back(std::move(*bytes));
  return entry;
}

std::optional<digest::AlgorithmSpec>
algorithm_from_file_name(std::string_view file_name) {
  std::string name =
      lower(std::filesystem::path(file_name).filename().string());
  std::string_view rest = name;
  if (rest.ends_with(".txt")) rest.remove_suffix(4);
  std::size_t dot = rest.rfind('.');
  if (dot != std::string_view::npos && dot > 0) {
    if (auto spec = algorithm_from_token(rest.substr(dot + 1))) return spec;
  }
  std::string_view stem = rest.substr(0, rest.find('.'));
  if (stem.ends_with("sum") || stem.ends_with("sums")) {
    return algorithm_from_token(stem);
  }
  return std::nullopt;
}

} // namespace hasher::format
