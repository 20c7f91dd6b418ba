#include <hasher/format/gnu_format.hpp>

#include <hasher/format/escape.hpp>

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

} // namespace

std::unique_ptr<RecordWriter>
make_gnu_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out) {
  return std::make_unique<GnuWriter>(specs, out);
}

} // namespace hasher::format
