#pragma once

// The only writer to stderr. Every message is one whole line written under a
// lock, so lines from different threads never interleave:
// `hasher: error: <subject>: <reason>`.

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace hasher::ui {

enum class Verbosity { quiet, normal, verbose };

class Reporter {
public:
  explicit Reporter(Verbosity verbosity, std::FILE* stream = stderr)
      : m_verbosity(verbosity), m_stream(stream) {}

  // `hasher: error: subject: reason`. Always printed. Thread-safe.
  void error(std::string_view subject, std::string_view reason);
  // `hasher: error: message`, where message already names its subject.
  void error(std::string_view message);
  // `hasher: warning: subject: reason`. Not printed when quiet. Thread-safe.
  void warning(std::string_view subject, std::string_view reason);
  // A line of information (summary); not printed when quiet. Thread-safe.
  void info(std::string_view line);
  // Printed only with -v.
  void verbose(std::string_view line);

  // Shows `status` as the live line at the bottom (no newline); messages
  // written meanwhile clear it and redraw it below themselves. An empty
  // status removes the line. Thread-safe.
  void set_status(const std::string& status);

  [[nodiscard]] Verbosity verbosity() const { return m_verbosity; }

private:
  void write_line(const std::string& line);

  Verbosity m_verbosity;
  std::FILE* m_stream;
  std::mutex m_mutex;
  std::string m_status;
};

} // namespace hasher::ui
