#include <hasher/format/verify_report.hpp>

#include <hasher/format/escape.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

namespace hasher::format {
namespace {

std::string_view status_word(VerifyStatus status) {
  switch (status) {
  case VerifyStatus::ok:
    return "OK";
  case VerifyStatus::mismatch:
    return "MISMATCH";
  case VerifyStatus::missing:
    return "MISSING";
  case VerifyStatus::new_file:
    return "NEW";
  case VerifyStatus::changed:
    return "CHANGED";
  case VerifyStatus::failed:
    return "FAILED open or read";
  }
  return "FAILED open or read";
}

std::string_view status_key(VerifyStatus status) {
  switch (status) {
  case VerifyStatus::ok:
    return "ok";
  case VerifyStatus::mismatch:
    return "mismatch";
  case VerifyStatus::missing:
    return "missing";
  case VerifyStatus::new_file:
    return "new";
  case VerifyStatus::changed:
    return "changed";
  case VerifyStatus::failed:
    return "failed";
  }
  return "failed";
}

// `path: WORD`, the path escaped as coreutils does.
class TextReport : public VerifyReport {
public:
  TextReport(std::ostream& out, bool coreutils)
      : m_out(out), m_coreutils(coreutils) {}

  void write(const VerifyLine& line) override {
    m_text.clear();
    m_path.clear();
    if (escape_coreutils(line.path, m_path)) m_text += '\\';
    m_text += m_path;
    m_text += ": ";
    if (m_coreutils) {
      m_text += line.status == VerifyStatus::ok         ? "OK"
                : line.status == VerifyStatus::mismatch ? "FAILED"
                                                        : "FAILED open or read";
    } else {
      m_text += status_word(line.status);
      if (!line.details.empty()) {
        m_text += " (" + util::join(line.details, ", ") + ")";
      }
    }
    m_text += '\n';
    m_out << m_text;
  }

private:
  std::ostream& m_out;
  bool m_coreutils;
  std::string m_text;
  std::string m_path;
};

class JsonReport : public VerifyReport {
public:
  explicit JsonReport(std::ostream& out) : m_out(out) {}

  void write(const VerifyLine& line) override {
    std::string text = "{\"file_path\":" + json_string(line.path) +
                       ",\"status\":\"" + std::string(status_key(line.status)) +
                       "\"";
    if (!line.details.empty()) {
      text += line.status == VerifyStatus::changed ? ",\"changed\":["
                                                   : ",\"algorithms\":[";
      for (std::size_t i = 0; i < line.details.size(); ++i) {
        if (i > 0) text += ',';
        text += json_string(line.details[i]);
      }
      text += ']';
    }
    text += "}\n";
    m_out << text;
  }

private:
  std::ostream& m_out;
};

} // namespace

std::unique_ptr<VerifyReport> make_verify_report(std::string_view style,
                                                 std::ostream& out) {
  if (style == "text") return std::make_unique<TextReport>(out, false);
  if (style == "check") return std::make_unique<TextReport>(out, true);
  if (style == "jsonl") return std::make_unique<JsonReport>(out);
  throw util::UsageError("options.format: verify prints text or jsonl, not '" +
                         std::string(style) + "'");
}

} // namespace hasher::format
