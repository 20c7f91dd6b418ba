#include <hasher/format/csv_format.hpp>

#include <hasher/format/escape.hpp>

#include <vector>

namespace hasher::format {
namespace {

class CsvWriter final : public RecordWriter {
public:
  CsvWriter(std::span<const digest::AlgorithmSpec> specs, std::ostream& out)
      : m_specs(specs.begin(), specs.end()), m_out(out) {}

  void begin() override {
    m_out << "file_path,file_size";
    for (const digest::AlgorithmSpec& spec : m_specs) {
      m_out << ',' << csv_field(spec.column());
    }
    m_out << "\r\n";
  }

  void write(const FileRecord& record) override {
    m_out << csv_field(record.path) << ',' << record.size;
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
      m_out << ',' << digest::encode_digest(m_specs[i], record.digests[i]);
    }
    m_out << "\r\n";
  }

private:
  std::vector<digest::AlgorithmSpec> m_specs;
  std::ostream& m_out;
};

} // namespace

std::unique_ptr<RecordWriter>
make_csv_writer(std::span<const digest::AlgorithmSpec> specs,
                std::ostream& out) {
  return std::make_unique<CsvWriter>(specs, out);
}

} // namespace hasher::format
