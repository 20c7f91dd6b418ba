#include <hasher/format/hashdeep_format.hpp>

#include <unistd.h>

#include <charconv>
#include <utility>
#include <vector>

namespace hasher::format {
namespace {

class HashdeepWriter final : public RecordWriter {
public:
  HashdeepWriter(std::span<const digest::AlgorithmSpec> specs,
                 std::ostream& out)
      : m_specs(specs.begin(), specs.end()), m_out(out) {}

  void begin() override {
    std::string columns = "size";
    for (const digest::AlgorithmSpec& spec : m_specs) {
      columns += ',';
      columns += spec.column();
    }
    columns += ",filename";
    char cwd[4096] = "";
    if (::getcwd(cwd, sizeof cwd) == nullptr) cwd[0] = '\0';
    m_out << "%%%% HASHDEEP-1.0\n%%%% " << columns
          << "\n## Invoked from: " << cwd
          << "\n## $ hasher hash -f hashdeep\n##\n";
  }

  void write(const FileRecord& record) override {
    m_out << record.size;
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
      m_out << ',' << digest::encode_digest(m_specs[i], record.digests[i]);
    }
    m_out << ',' << record.path << '\n';
  }

private:
  std::vector<digest::AlgorithmSpec> m_specs;
  std::ostream& m_out;
};

// Takes the text up to the next comma off the front of `rest`; false when
// there is no comma.
bool take_field(std::string_view& rest, std::string_view& field) {
  std::size_t comma = rest.find(',');
  if (comma == std::string_view::npos) return false;
  field = rest.substr(0, comma);
  rest.remove_prefix(comma + 1);
  return true;
}

} // namespace

std::unique_ptr<RecordWriter>
make_hashdeep_writer(std::span<const digest::AlgorithmSpec> specs,
                     std::ostream& out) {
  return std::make_unique<HashdeepWriter>(specs, out);
}

std::optional<std::vector<digest::AlgorithmSpec>>
parse_hashdeep_columns(std::string_view line) {
  constexpr std::string_view k_prefix = "%%%% ";
  if (!line.starts_with(k_prefix)) return std::nullopt;
  std::string_view rest = line.substr(k_prefix.size());
  std::string_view field;
  if (!take_field(rest, field) || field != "size") return std::nullopt;
  std::vector<digest::AlgorithmSpec> columns;
  while (take_field(rest, field)) {
    std::optional<digest::AlgorithmSpec> spec = digest::spec_for_column(field);
    if (!spec) return std::nullopt;
    for (const digest::AlgorithmSpec& have : columns) {
      if (have.algorithm == spec->algorithm && have.bits == spec->bits) {
        return std::nullopt;
      }
    }
    columns.push_back(*spec);
  }
  if (rest != "filename" || columns.empty()) return std::nullopt;
  return columns;
}

std::optional<ChecksumEntry>
parse_hashdeep_line(std::string_view line,
                    std::span<const digest::AlgorithmSpec> columns) {
  std::string_view rest = line;
  std::string_view field;
  std::uint64_t size = 0;
  if (!take_field(rest, field) || field.empty()) return std::nullopt;
  auto [end, ec] =
      std::from_chars(field.data(), field.data() + field.size(), size);
  if (ec != std::errc() || end != field.data() + field.size()) {
    return std::nullopt;
  }
  ChecksumEntry entry;
  entry.size = size;
  for (const digest::AlgorithmSpec& spec : columns) {
    if (!take_field(rest, field)) return std::nullopt;
    std::optional<util::Bytes> bytes = decode_digest(spec, field);
    if (!bytes) return std::nullopt;
    entry.specs.push_back(spec);
    entry.digests.push_back(std::move(*bytes));
  }
  if (rest.empty()) return std::nullopt;
  entry.path = rest;
  return entry;
}

} // namespace hasher::format
