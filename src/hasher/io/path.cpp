#include <hasher/io/path.hpp>

#include <hasher/util/errors.hpp>

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace hasher::io {

namespace {

// True for "a/b/c": relative, no empty, "." or ".." component, no trailing
// slash, so joining it to a clean directory needs no normalising (the common
// case: every path the walk makes below a clean root).
bool is_clean_relative(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

} // namespace

std::string absolute_path(std::string_view path, std::string_view cwd) {
  if (is_clean_relative(path) && !cwd.empty() && cwd.front() == '/' &&
      is_clean_relative(cwd.substr(1))) {
    std::string out;
    out.reserve(cwd.size() + 1 + path.size());
    out.append(cwd);
    out.push_back('/');
    out.append(path);
    return out;
  }
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

std::string AbsolutePaths::make(std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || slash == 0) {
    return absolute_path(path, m_cwd);
  }
  std::string_view parent = path.substr(0, slash);
  std::string_view name = path.substr(slash + 1);
  // Only a plain name may be appended to a normalised parent.
  if (name.empty() || name == "." || name == "..") {
    return absolute_path(path, m_cwd);
  }
  if (parent != m_parent) {
    m_parent.assign(parent);
    m_parent_absolute = absolute_path(parent, m_cwd);
  }
  std::string out;
  out.reserve(m_parent_absolute.size() + 1 + name.size());
  out.append(m_parent_absolute);
  if (m_parent_absolute != "/") out.push_back('/');
  out.append(name);
  return out;
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

std::string relative_path(std::string_view path, std::string_view base) {
  auto parts = [](std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
      std::size_t slash = text.find('/');
      std::string_view part = text.substr(0, slash);
      if (!part.empty()) out.push_back(part);
      if (slash == std::string_view::npos) break;
      text.remove_prefix(slash + 1);
    }
    return out;
  };
  std::vector<std::string_view> to = parts(path);
  std::vector<std::string_view> from = parts(base);
  std::size_t common = 0;
  while (common < to.size() && common < from.size() &&
         to[common] == from[common]) {
    ++common;
  }
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i) {
    out += out.empty() ? ".." : "/..";
  }
  for (std::size_t i = common; i < to.size(); ++i) {
    if (!out.empty()) out += '/';
    out.append(to[i]);
  }
  return out.empty() ? "." : out;
}

bool path_within(std::string_view inner, std::string_view outer) {
  if (outer == "/") return true;
  if (inner.size() < outer.size() || inner.substr(0, outer.size()) != outer) {
    return false;
  }
  return inner.size() == outer.size() || inner[outer.size()] == '/';
}

} // namespace hasher::io
