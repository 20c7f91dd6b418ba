#include <hasher/ui/reporter.hpp>

namespace hasher::ui {
namespace {

// Control characters in a name would break the one-line rule: show them as
// \xHH (the name itself stays whatever bytes it is).
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static const char* const digits = "0123456789abcdef";
      out += "\\x";
      out += digits[byte >> 4];
      out += digits[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

void Reporter::error(std::string_view subject, std::string_view reason) {
  write_line("hasher: error: " + printable(subject) + ": " + printable(reason));
}

void Reporter::error(std::string_view message) {
  write_line("hasher: error: " + printable(message));
}

void Reporter::warning(std::string_view subject, std::string_view reason) {
  if (m_verbosity == Verbosity::quiet) return;
  write_line("hasher: warning: " + printable(subject) + ": " +
             printable(reason));
}

void Reporter::info(std::string_view line) {
  if (m_verbosity == Verbosity::quiet) return;
  write_line(std::string(line));
}

void Reporter::verbose(std::string_view line) {
  if (m_verbosity != Verbosity::verbose) return;
  write_line(std::string(line));
}

namespace {
// Carriage return + erase to end of line (ECMA-48 EL).
constexpr const char* k_clear_line = "\r\033[K";
} // namespace

void Reporter::write_line(const std::string& line) {
  std::lock_guard lock(m_mutex);
  if (!m_status.empty()) std::fputs(k_clear_line, m_stream);
  std::fwrite(line.data(), 1, line.size(), m_stream);
  std::fputc('\n', m_stream);
  if (!m_status.empty()) std::fputs(m_status.c_str(), m_stream);
  std::fflush(m_stream);
}

void Reporter::set_status(const std::string& status) {
  std::lock_guard lock(m_mutex);
  if (status.empty() && m_status.empty()) return;
  std::fputs(k_clear_line, m_stream);
  std::fputs(status.c_str(), m_stream);
  std::fflush(m_stream);
  m_status = status;
}

} // namespace hasher::ui
