#include <hasher/format/json_format.hpp>

#include <hasher/format/escape.hpp>

#include <charconv>
#include <cstdint>
#include <utility>
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

enum class JsonKind { string, number, literal };

// One member of a flat object: the key and the value, decoded for a string,
// as written for a number or literal.
struct JsonMember {
  std::string key;
  JsonKind kind = JsonKind::string;
  std::string value;
};

// A strict reader of one flat JSON object (RFC 8259): nothing nested, no
// trailing text. Raw bytes that are not ASCII are kept as they are, so a
// string holding UTF-8 (or not) comes back byte for byte.
class FlatObjectReader {
public:
  explicit FlatObjectReader(std::string_view text) : m_text(text) {}

  // Reads the whole text into `members`; false on any syntax error.
  bool read(std::vector<JsonMember>& members) {
    skip_blanks();
    if (!take('{')) return false;
    skip_blanks();
    if (!take('}')) {
      do {
        JsonMember member;
        skip_blanks();
        if (!read_string(member.key)) return false;
        skip_blanks();
        if (!take(':')) return false;
        skip_blanks();
        if (!read_value(member)) return false;
        members.push_back(std::move(member));
        skip_blanks();
      } while (take(','));
      if (!take('}')) return false;
    }
    skip_blanks();
    return m_at == m_text.size();
  }

private:
  bool at_end() const { return m_at == m_text.size(); }
  char peek() const { return at_end() ? '\0' : m_text[m_at]; }

  bool take(char c) {
    if (at_end() || m_text[m_at] != c) return false;
    ++m_at;
    return true;
  }

  void skip_blanks() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' ||
                         peek() == '\r')) {
      ++m_at;
    }
  }

  bool read_value(JsonMember& member) {
    if (peek() == '"') {
      member.kind = JsonKind::string;
      return read_string(member.value);
    }
    for (std::string_view literal : {"true", "false", "null"}) {
      if (m_text.substr(m_at).starts_with(literal)) {
        member.kind = JsonKind::literal;
        member.value = literal;
        m_at += literal.size();
        return true;
      }
    }
    member.kind = JsonKind::number;
    return read_number(member.value);
  }

  // RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool read_number(std::string& out) {
    std::size_t start = m_at;
    take('-');
    if (!take('0') && !take_digits()) return false;
    if (take('.') && !take_digits()) return false;
    if (take('e') || take('E')) {
      if (!take('+')) take('-');
      if (!take_digits()) return false;
    }
    out = m_text.substr(start, m_at - start);
    return true;
  }

  // One or more decimal digits.
  bool take_digits() {
    std::size_t start = m_at;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++m_at;
    return m_at > start;
  }

  // Four hex digits of a \u escape.
  bool read_unit(std::uint32_t& unit) {
    if (m_text.size() - m_at < 4) return false;
    unit = 0;
    auto [end, ec] = std::from_chars(m_text.data() + m_at,
                                     m_text.data() + m_at + 4, unit, 16);
    if (ec != std::errc() || end != m_text.data() + m_at + 4) return false;
    m_at += 4;
    return true;
  }

  // RFC 8259 section 7, plus the surrogate escapes of json_string(): a lone
  // \udc80..\udcff is the byte 0x80..0xff.
  bool read_string(std::string& out) {
    if (!take('"')) return false;
    while (!at_end()) {
      auto c = static_cast<unsigned char>(m_text[m_at++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (at_end()) return false;
      char escape = m_text[m_at++];
      switch (escape) {
      case '"':
      case '\\':
      case '/':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u':
        if (!read_escaped_char(out)) return false;
        break;
      default:
        return false;
      }
    }
    return false;
  }

  // The code point of `\uXXXX` (its `\u` already taken), as UTF-8.
  bool read_escaped_char(std::string& out) {
    std::uint32_t unit = 0;
    if (!read_unit(unit)) return false;
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      if (unit < 0xdc80 || unit > 0xdcff) return false;
      out += static_cast<char>(unit - 0xdc00);
      return true;
    }
    std::uint32_t code = unit;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      std::uint32_t low = 0;
      if (!take('\\') || !take('u') || !read_unit(low) || low < 0xdc00 ||
          low > 0xdfff) {
        return false;
      }
      code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(code, out);
    return true;
  }

  // RFC 3629 section 3.
  static void append_utf8(std::uint32_t code, std::string& out) {
    auto put = [&out](std::uint32_t byte) {
      out += static_cast<char>(static_cast<unsigned char>(byte));
    };
    if (code < 0x80) {
      put(code);
    } else if (code < 0x800) {
      put(0xc0 | (code >> 6));
      put(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      put(0xe0 | (code >> 12));
      put(0x80 | ((code >> 6) & 0x3f));
      put(0x80 | (code & 0x3f));
    } else {
      put(0xf0 | (code >> 18));
      put(0x80 | ((code >> 12) & 0x3f));
      put(0x80 | ((code >> 6) & 0x3f));
      put(0x80 | (code & 0x3f));
    }
  }

  std::string_view m_text;
  std::size_t m_at = 0;
};

} // namespace

std::unique_ptr<RecordWriter>
make_json_writer(std::span<const digest::AlgorithmSpec> specs,
                 std::ostream& out, JsonLayout layout, Pretty pretty) {
  return std::make_unique<JsonWriter>(specs, out, layout, pretty);
}

std::optional<ChecksumEntry> parse_jsonl_line(std::string_view line) {
  std::vector<JsonMember> members;
  if (!FlatObjectReader(line).read(members)) return std::nullopt;
  ChecksumEntry entry;
  bool have_path = false;
  for (JsonMember& member : members) {
    if (member.key == "file_path") {
      if (have_path || member.kind != JsonKind::string) return std::nullopt;
      entry.path = std::move(member.value);
      have_path = true;
    } else if (member.key == "file_size") {
      if (entry.size || member.kind != JsonKind::number) return std::nullopt;
      std::uint64_t size = 0;
      const std::string& text = member.value;
      auto [end, ec] =
          std::from_chars(text.data(), text.data() + text.size(), size);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
      }
      entry.size = size;
    } else if (std::optional<digest::AlgorithmSpec> spec =
                   digest::spec_for_column(member.key)) {
      if (member.kind != JsonKind::string) return std::nullopt;
      for (const digest::AlgorithmSpec& have : entry.specs) {
        if (have.algorithm == spec->algorithm && have.bits == spec->bits) {
          return std::nullopt;
        }
      }
      std::optional<util::Bytes> bytes = decode_digest(*spec, member.value);
      if (!bytes) return std::nullopt;
      entry.specs.push_back(*spec);
      entry.digests.push_back(std::move(*bytes));
    }
  }
  if (entry.path.empty() || entry.specs.empty()) return std::nullopt;
  return entry;
}

} // namespace hasher::format
