#include <hasher/io/temporary_file.hpp>

#include <hasher/util/errors.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace hasher::io {

TemporaryFile::TemporaryFile(const std::string& stem) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir != nullptr && *dir ? dir : "/tmp") +
                        "/" + stem + "-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw util::FatalError(
        pattern + ": cannot create a temporary file: " + std::strerror(errno));
  }
  ::close(fd);
  m_path = name.data();
}

TemporaryFile::~TemporaryFile() { ::unlink(m_path.c_str()); }

} // namespace hasher::io
