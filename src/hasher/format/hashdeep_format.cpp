#include <hasher/format/hashdeep_format.hpp>

#include <unistd.h>

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

} // namespace

std::unique_ptr<RecordWriter>
make_hashdeep_writer(std::span<const digest::AlgorithmSpec> specs,
                     std::ostream& out) {
  return std::make_unique<HashdeepWriter>(specs, out);
}

} // namespace hasher::format
