#include <hasher/format/sfv_format.hpp>

#include <hasher/util/errors.hpp>

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

} // namespace hasher::format
