#include <hasher/walk/path_list.hpp>

#include <hasher/format/escape.hpp>
#include <hasher/util/errors.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

namespace hasher::walk {

std::vector<std::string> read_path_list(const std::string& file) {
  std::ifstream stream;
  std::istream* in = &std::cin;
  if (file != "-") {
    stream.open(file, std::ios::binary);
    if (!stream) {
      throw util::UsageError(
          file + ": cannot read path list: " + std::strerror(errno));
    }
    in = &stream;
  }
  std::vector<std::string> paths;
  std::string line;
  int number = 0;
  while (std::getline(*in, line)) {
    ++number;
    if (line.empty()) continue;
    if (line.front() == '\\') {
      std::string path;
      if (!format::unescape_coreutils(std::string_view(line).substr(1), path)) {
        throw util::UsageError(file + ":" + std::to_string(number) +
                               ": bad escape in path");
      }
      paths.push_back(std::move(path));
    } else {
      paths.push_back(line);
    }
  }
  return paths;
}

void write_path_list(const std::string& file,
                     const std::vector<std::string>& paths) {
  std::string temporary = file + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw util::FatalError(
          file + ": cannot write path list: " + std::strerror(errno));
    }
    std::string escaped;
    for (const std::string& path : paths) {
      escaped.clear();
      if (format::escape_coreutils(path, escaped)) out << '\\';
      out << escaped << '\n';
    }
    out.flush();
    if (!out) {
      throw util::FatalError(
          file + ": cannot write path list: " + std::strerror(errno));
    }
  }
  if (std::rename(temporary.c_str(), file.c_str()) != 0) {
    throw util::FatalError(file +
                           ": cannot write path list: " + std::strerror(errno));
  }
}

} // namespace hasher::walk
