#include <hasher/format/sfv_format.hpp>

#include <hasher/util/errors.hpp>

#include <utility>

namespace hasher::format {
namespace {

class SfvWriter final : public RecordWriter {
public:
  SfvWriter(std::size_t crc_index, std::ostream& out)
      : m_crc_index(crc_index), m_out(out) {}

  void write(const FileRecord& record) override {
    m_out << record.path << ' ' << util::to_hex(record.digests[m_crc_index])
          << '\n';
  }

private:
  std::size_t m_crc_index;
  std::ostream& m_out;
};

// The path and the digest text of `path hex`; false without a blank.
bool split_sfv_line(std::string_view line, std::string_view& path,
                    std::string_view& digest) {
  std::size_t end = line.find_last_not_of(" \t");
  if (end == std::string_view::npos) return false;
  line = line.substr(0, end + 1);
  std::size_t blank = line.find_last_of(" \t");
  if (blank == std::string_view::npos || blank == 0) return false;
  path = line.substr(0, blank);
  digest = line.substr(blank + 1);
  return true;
}

} // namespace

std::unique_ptr<RecordWriter>
make_sfv_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].algorithm->name == "crc32") {
      return std::make_unique<SfvWriter>(i, out);
    }
  }
  throw util::UsageError("--format sfv: needs crc32 among the algorithms");
}

bool looks_like_sfv(std::string_view line) {
  std::string_view path;
  std::string_view digest;
  return split_sfv_line(line, path, digest) && digest.size() == 8 &&
         util::from_hex(digest).has_value();
}

std::optional<ChecksumEntry> parse_sfv_line(std::string_view line,
                                            const digest::AlgorithmSpec& spec) {
  std::string_view path;
  std::string_view digest;
  if (!split_sfv_line(line, path, digest)) return std::nullopt;
  std::optional<util::Bytes> bytes = decode_digest(spec, digest);
  if (!bytes) return std::nullopt;
  ChecksumEntry entry;
  entry.path = path;
  entry.specs.push_back(spec);
  entry.digests.push_back(std::move(*bytes));
  return entry;
}

} // namespace hasher::format
