#include <hasher/io/path.hpp>

#include <hasher/util/errors.hpp>

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace hasher::io {

std::string absolute_path(std::string_view path, std::string_view cwd) {
  std::string joined;
  if (path.empty() || path.front() != '/') {
    joined.assign(cwd);
    joined += '/';
  }
  joined.append(path);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view()
                                           : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out.append(part);
  }
  return out.empty() ? "/" : out;
}

std::string current_directory() {
  std::vector<char> buffer(4096);
  for (;;) {
    if (::getcwd(buffer.data(), buffer.size()) != nullptr) {
      return buffer.data();
    }
    if (errno != ERANGE) {
      throw util::FatalError(std::string("working directory: ") +
                             std::strerror(errno));
    }
    buffer.resize(buffer.size() * 2);
  }
}

bool path_within(std::string_view inner, std::string_view outer) {
  if (outer == "/") return true;
  if (inner.size() < outer.size() || inner.substr(0, outer.size()) != outer) {
    return false;
  }
  return inner.size() == outer.size() || inner[outer.size()] == '/';
}

} // namespace hasher::io
