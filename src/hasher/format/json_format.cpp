#include <hasher/format/json_format.hpp>

#include <hasher/format/escape.hpp>

#include <vector>

namespace hasher::format {
namespace {

class JsonWriter final : public RecordWriter {
public:
  JsonWriter(std::span<const digest::AlgorithmSpec> specs, std::ostream& out,
             JsonLayout layout, Pretty pretty)
      : m_specs(specs.begin(), specs.end()), m_out(out), m_layout(layout),
        m_pretty(pretty == Pretty::yes && layout == JsonLayout::array) {
    for (const digest::AlgorithmSpec& spec : m_specs) {
      m_keys.push_back(json_string(spec.column()));
    }
  }

  void begin() override {
    if (m_layout == JsonLayout::array) m_out << '[';
  }

  void write(const FileRecord& record) override {
    const char* open = m_pretty ? "\n    " : "";
    const char* colon = m_pretty ? ": " : ":";
    const char* comma = m_pretty ? "," : ",";
    m_line.clear();
    if (m_layout == JsonLayout::array) {
      m_line += m_count == 0 ? "" : ",";
      if (m_pretty) m_line += "\n  ";
    }
    m_line += '{';
    m_line += open;
    m_line += "\"file_path\"";
    m_line += colon;
    m_line += json_string(record.path);
    m_line += comma;
    m_line += open;
    m_line += "\"file_size\"";
    m_line += colon;
    m_line += std::to_string(record.size);
    if (record.mtime_ns) {
      m_line += comma;
      m_line += open;
      m_line += "\"mtime\"";
      m_line += colon;
      m_line += json_string(rfc3339(*record.mtime_ns));
    }
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
      m_line += comma;
      m_line += open;
      m_line += m_keys[i];
      m_line += colon;
      m_line += '"';
      m_line += digest::encode_digest(m_specs[i], record.digests[i]);
      m_line += '"';
    }
    if (m_pretty) m_line += "\n  ";
    m_line += '}';
    if (m_layout == JsonLayout::lines) m_line += '\n';
    m_out << m_line;
    ++m_count;
  }

  void end() override {
    if (m_layout != JsonLayout::array) return;
    if (m_pretty && m_count > 0) m_out << '\n';
    m_out << "]\n";
  }

private:
  std::vector<digest::AlgorithmSpec> m_specs;
  std::vector<std::string> m_keys;
  std::ostream& m_out;
  JsonLayout m_layout;
  bool m_pretty;
  std::string m_line;
  std::uint64_t m_count = 0;
};

} // namespace

std::unique_ptr<RecordWriter>
make_json_writer(std::span<const digest::AlgorithmSpec> specs,
                 std::ostream& out, JsonLayout layout, Pretty pretty) {
  return std::make_unique<JsonWriter>(specs, out, layout, pretty);
}

} // namespace hasher::format
