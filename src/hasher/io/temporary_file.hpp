#pragma once

// A scratch file in $TMPDIR (else /tmp) that is removed when the object
// goes: for lists handed from one step of a command to the next.

#include <string>

namespace hasher::io {

class TemporaryFile {
public:
  // Creates an empty file named after `stem`. Throws util::FatalError when
  // it cannot.
  explicit TemporaryFile(const std::string& stem);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

} // namespace hasher::io
